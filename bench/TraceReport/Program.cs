// dotnet Bench.TraceReport.dll <file.nettrace> [top]          allocations (a gc-verbose trace)
// dotnet Bench.TraceReport.dll cpu <file.nettrace> [top]      CPU by component (a dotnet-sampled-thread-time trace)
// dotnet Bench.TraceReport.dll perf <perf-script.txt>          CPU by layer (`perf script -F tid,ip,sym,dso` output)
//
// Allocations: allocation ticks (~every 100 KB allocated) grouped by type, then by allocating frame (first frame of
// our own or of a library, skipping the runtime's), plus exception counts by type.
//
// CPU: the sample profiler's thread samples (Microsoft-DotNETCore-SampleProfiler) taken while the thread was running
// managed code (Type = Managed; samples of threads blocked or in native code, Type = External, are counted apart).
// Two kinds of "Managed" samples are not CPU and are counted apart too: a leaf frame without a name is a P/Invoke
// stub, i.e. the thread is in a native call (socket send and receive, and epoll_wait, where the sockets' event loop
// blocks: measured that way, a third of "Managed" time was an idle epoll_wait), and a leaf in Thread.PollGC is a
// thread stopped at a safe point (mostly for the sampler's own suspension).
// Each sample is charged to the component of the frame nearest the leaf that belongs to one (Npgsql, EF Core, JSON,
// auth, crypto, the app, Kestrel, the rest of ASP.NET Core, Microsoft.Extensions); frames of the base library
// (collections, strings, tasks) count for whoever called them; a sample with no component on its stack is the thread
// pool's or the runtime's own work. "Inclusive" is the share of samples with the component anywhere on the stack.
//
// Layers: perf's samples are real CPU, native and kernel code included, which the sample profiler above does not
// see. Each sample goes to the layer of its leaf frame: the kernel (split by the system call on the kernel stack),
// managed code (JIT'd, named through the runtime's perf map: DOTNET_PerfMapEnabled=1, and
// DOTNET_EnableWriteXorExecute=0 so that the code is not in a memfd perf cannot match with the map; or ReadyToRun
// code in a framework .dll), the runtime's native code (libcoreclr: GC, allocation helpers, stubs, thread
// suspension; libclrjit), OpenSSL, and libc and the rest.
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.EventPipe;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

if (args.Length > 0 && args[0] == "cpu")
{
    Cpu.Report(args[1], args.Length > 2 ? int.Parse(args[2]) : 15);
    return;
}
if (args.Length > 0 && args[0] == "perf")
{
    Layers.Report(args[1]);
    return;
}

var file = args[0];
var top = args.Length > 1 ? int.Parse(args[1]) : 25;
var etlx = TraceLog.CreateFromEventPipeDataFile(file);
using var log = new TraceLog(etlx);
var byType = new Dictionary<string, long>();
var byFrame = new Dictionary<string, long>();
var exceptions = new Dictionary<string, int>();
long total = 0;
var source = log.Events.GetSource();
source.Clr.GCAllocationTick += e =>
{
    var amount = e.AllocationAmount64;
    total += amount;
    byType[e.TypeName] = byType.GetValueOrDefault(e.TypeName) + amount;
    var stack = e.CallStack();
    var frames = new List<string>();
    for (var s = stack; s is not null && frames.Count < 40; s = s.Caller)
        frames.Add(s.CodeAddress.FullMethodName ?? "?");
    var interesting = frames.FirstOrDefault(f => f.Length > 0 && !f.StartsWith("System.") && !f.StartsWith("Microsoft.Extensions") && f != "?")
        ?? frames.FirstOrDefault() ?? "?";
    var key = $"{e.TypeName}  <=  {Trim(interesting)}";
    byFrame[key] = byFrame.GetValueOrDefault(key) + amount;
};
source.Clr.ExceptionStart += e => exceptions[e.ExceptionType] = exceptions.GetValueOrDefault(e.ExceptionType) + 1;
source.Process();

Console.WriteLine($"allocated (sampled) {total / 1e6:F1} MB");
Console.WriteLine("--- by type");
foreach (var (k, v) in byType.OrderByDescending(p => p.Value).Take(top)) Console.WriteLine($"{100.0 * v / total,5:F1}% {k}");
Console.WriteLine("--- by type and allocating frame");
foreach (var (k, v) in byFrame.OrderByDescending(p => p.Value).Take(top)) Console.WriteLine($"{100.0 * v / total,5:F1}% {k}");
Console.WriteLine("--- exceptions");
foreach (var (k, v) in exceptions.OrderByDescending(p => p.Value)) Console.WriteLine($"{v,8} {k}");

static string Trim(string s) => s.Length > 150 ? s[..150] : s;

static class Cpu
{
    private const string Runtime = "thread pool, tasks, runtime (no component on the stack)";

    // Most specific first: a frame belongs to the first component whose prefix it starts with.
    private static readonly (string Component, string[] Prefixes)[] Components =
    [
        ("Npgsql (PostgreSQL driver)", ["Npgsql"]),
        ("EF Core", ["Microsoft.EntityFrameworkCore"]),
        ("JSON (System.Text.Json)", ["System.Text.Json"]),
        ("crypto (SHA-256 of the token secret)", ["System.Security.Cryptography", "Interop+Crypto", "Interop+EVP"]),
        ("auth (authentication, authorization, Switchboard.Auth)",
            ["Microsoft.AspNetCore.Authentication", "Microsoft.AspNetCore.Authorization", "Switchboard.Auth."]),
        ("Switchboard (caller, cache, handlers, faces)", ["Switchboard.", "Program"]),
        ("Kestrel, sockets, pipelines", ["Microsoft.AspNetCore.Server.Kestrel", "System.Net.Sockets", "System.IO.Pipelines", "Interop+Sys"]),
        ("ASP.NET Core hosting, routing, middleware, minimal API", ["Microsoft.AspNetCore.", "Microsoft.Extensions.Internal"]),
        ("Microsoft.Extensions (DI, logging, options, config)", ["Microsoft.Extensions."]),
    ];

    internal static string? ComponentOf(string frame)
    {
        foreach (var (component, prefixes) in Components)
            foreach (var p in prefixes)
                if (frame.StartsWith(p, StringComparison.Ordinal)) return component;
        return null;
    }

    public static void Report(string file, int top)
    {
        var etlx = TraceLog.CreateFromEventPipeDataFile(file);
        using var log = new TraceLog(etlx);
        long managed = 0, external = 0, native = 0, pollGc = 0;
        var self = new Dictionary<string, long>();
        var inclusive = new Dictionary<string, long>();
        var leaf = new Dictionary<string, long>();
        var methodInclusive = new Dictionary<string, long>();
        var runtimeLeaf = new Dictionary<string, long>();
        double first = double.NaN, last = double.NaN;
        foreach (var e in log.Events)
        {
            if (e is not ClrThreadSampleTraceData sample) continue;
            if (double.IsNaN(first)) first = e.TimeStampRelativeMSec;
            last = e.TimeStampRelativeMSec;
            if (sample.Type != ClrThreadSampleType.Managed) { external++; continue; }
            var frames = new List<string>();
            for (var s = e.CallStack(); s is not null && frames.Count < 300; s = s.Caller)
                frames.Add(s.CodeAddress.FullMethodName is { Length: > 0 } name ? name : "");
            if (frames.Count == 0 || frames[0].Length == 0) { native++; continue; }
            if (frames[0].Contains("PollGC", StringComparison.Ordinal)) { pollGc++; continue; }
            managed++;
            leaf[Short(frames[0])] = leaf.GetValueOrDefault(Short(frames[0])) + 1;
            string? owner = null;
            var seen = new HashSet<string>();
            var seenMethods = new HashSet<string>();
            foreach (var f in frames)
            {
                var c = ComponentOf(f);
                if (c is not null) { owner ??= c; seen.Add(c); }
                if (seenMethods.Add(Short(f)) && (c is not null)) methodInclusive[Short(f)] = methodInclusive.GetValueOrDefault(Short(f)) + 1;
            }
            owner ??= Runtime;
            if (owner == Runtime) runtimeLeaf[Short(frames[0])] = runtimeLeaf.GetValueOrDefault(Short(frames[0])) + 1;
            self[owner] = self.GetValueOrDefault(owner) + 1;
            foreach (var c in seen) inclusive[c] = inclusive.GetValueOrDefault(c) + 1;
        }
        var pct = (long n) => managed == 0 ? 0 : 100.0 * n / managed;
        Console.WriteLine($"{file}: {managed:N0} samples running managed code (CPU), over {(last - first) / 1000:F1} s; not counted: " +
            $"{external:N0} blocked or in native code, {native:N0} in a P/Invoke stub (native call), {pollGc:N0} stopped at a GC poll");
        Console.WriteLine();
        Console.WriteLine("| component | self | inclusive |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var (c, n) in self.OrderByDescending(p => p.Value))
            Console.WriteLine($"| {c} | {pct(n):F1} % | {(c == Runtime ? "" : $"{pct(inclusive.GetValueOrDefault(c)):F1} %")} |");
        Console.WriteLine();
        Console.WriteLine($"--- top {top} methods of a component by inclusive samples");
        foreach (var (m, n) in methodInclusive.OrderByDescending(p => p.Value).Take(top)) Console.WriteLine($"{pct(n),5:F1} %  {m}");
        Console.WriteLine($"--- top {top} leaf frames (self)");
        foreach (var (m, n) in leaf.OrderByDescending(p => p.Value).Take(top)) Console.WriteLine($"{pct(n),5:F1} %  {m}");
        Console.WriteLine($"--- leaf frames of samples with no component ({Runtime})");
        foreach (var (m, n) in runtimeLeaf.OrderByDescending(p => p.Value).Take(top)) Console.WriteLine($"{pct(n),5:F1} %  {m}");
    }

    private static string Short(string method)
    {
        var paren = method.IndexOf('(');
        var s = paren > 0 ? method[..paren] : method;
        return s.Length > 140 ? s[..140] : s;
    }
}

static class Layers
{
    public static void Report(string file)
    {
        var layers = new Dictionary<string, long>();
        var syscalls = new Dictionary<string, long>();
        var owners = new Dictionary<string, long>();
        var inclusive = new Dictionary<string, long>();
        long total = 0;
        List<string> frames = [];
        void Flush()
        {
            if (frames.Count == 0) return;
            total++;
            var layer = LayerOf(frames[0]);
            layers[layer] = layers.GetValueOrDefault(layer) + 1;
            string? call = null;
            if (layer == "kernel")
            {
                call = frames.Select(f => SyscallOf(f)).FirstOrDefault(c => c is not null) ?? "no system call (interrupts, softirq)";
                syscalls[call] = syscalls.GetValueOrDefault(call) + 1;
            }
            // The component of the managed frame nearest the leaf (named frames from the perf map only).
            string? owner = null;
            var seen = new HashSet<string>();
            foreach (var f in frames)
            {
                var c = ManagedName(f) is { } m ? Cpu.ComponentOf(m) : null;
                if (c is null) continue;
                owner ??= c;
                seen.Add(c);
            }
            owner ??= "no named managed caller: " + (call is null ? layer : $"kernel, {call}");
            owners[owner] = owners.GetValueOrDefault(owner) + 1;
            foreach (var c in seen) inclusive[c] = inclusive.GetValueOrDefault(c) + 1;
            frames = [];
        }
        foreach (var line in File.ReadLines(file))
        {
            if (line.Length == 0) { Flush(); continue; }
            if (line[0] == '\t' || line[0] == ' ') frames.Add(line.Trim());
            else Flush(); // the sample's header line (thread id)
        }
        Flush();
        var pct = (long n) => 100.0 * n / Math.Max(1, total);
        Console.WriteLine($"{file}: {total:N0} samples");
        foreach (var (k, v) in layers.OrderByDescending(p => p.Value)) Console.WriteLine($"{pct(v),5:F1} %  {k}");
        Console.WriteLine("--- kernel samples by system call");
        foreach (var (k, v) in syscalls.OrderByDescending(p => p.Value).Take(10)) Console.WriteLine($"{pct(v),5:F1} %  {k}");
        Console.WriteLine("--- every sample charged to the nearest managed component on its stack (self / inclusive)");
        Console.WriteLine("(a system call's user stack usually ends in libc, which perf cannot walk through: those stay unattributed)");
        foreach (var (k, v) in owners.OrderByDescending(p => p.Value).Take(16))
            Console.WriteLine($"{pct(v),5:F1} %  {(inclusive.TryGetValue(k, out var i) ? $"{pct(i),5:F1} %" : "       ")}  {k}");
    }

    /// <summary>"instance void [Asm] Ns.Type+Nested::Method(args)[Tier] (/tmp/perf-N.map)" → "Ns.Type+Nested.Method".</summary>
    private static string? ManagedName(string frame)
    {
        var dso = Dso(frame);
        if (!dso.StartsWith("/tmp/perf-", StringComparison.Ordinal)) return null;
        var space = frame.IndexOf(' ');
        var sym = frame[(space + 1)..^(dso.Length + 3)];
        var colons = sym.IndexOf("::", StringComparison.Ordinal);
        if (colons < 0) return sym;
        var type = sym[..colons];
        type = type[(type.LastIndexOf(' ') + 1)..];
        var method = sym[(colons + 2)..];
        var paren = method.IndexOf('(');
        return $"{type}.{(paren < 0 ? method : method[..paren])}";
    }

    // A frame line is "<address> <symbol> (<dso>)".
    private static string Dso(string frame)
    {
        var open = frame.LastIndexOf(" (", StringComparison.Ordinal);
        return open < 0 ? "" : frame[(open + 2)..].TrimEnd(')');
    }

    private static string LayerOf(string frame)
    {
        var dso = Dso(frame);
        var name = Path.GetFileName(dso);
        if (dso == "[kernel.kallsyms]") return "kernel";
        if (dso.StartsWith("/tmp/perf-", StringComparison.Ordinal) || dso.StartsWith("[JIT]", StringComparison.Ordinal)
            || dso.StartsWith("memfd:doublemapper", StringComparison.Ordinal)) return "managed code (JIT'd)";
        if (name.EndsWith(".dll", StringComparison.Ordinal)) return "managed code (ReadyToRun, in a framework .dll)";
        if (name is "libcoreclr.so") return "runtime (libcoreclr: GC, allocation, stubs, thread suspension)";
        if (name is "libclrjit.so") return "JIT compiler (libclrjit)";
        if (name.StartsWith("libcrypto", StringComparison.Ordinal) || name.StartsWith("libssl", StringComparison.Ordinal)
            || name.StartsWith("libSystem.Security.Cryptography", StringComparison.Ordinal)) return "OpenSSL (SHA-256 of the token secret)";
        return "libc, libSystem.Native, loader, vdso";
    }

    private static string? SyscallOf(string frame)
    {
        foreach (var prefix in new[] { "__x64_sys_", "__do_sys_" })
        {
            var at = frame.IndexOf(prefix, StringComparison.Ordinal);
            if (at < 0) continue;
            var end = frame.IndexOf(' ', at);
            var call = frame[(at + prefix.Length)..(end < 0 ? frame.Length : end)];
            return call switch
            {
                "sendto" or "sendmsg" => "sendto (TCP over loopback, with the receiving side's processing)",
                "recvfrom" or "recvmsg" => "recvfrom",
                "sched_yield" => "sched_yield (spinning threads giving way)",
                "epoll_wait" => "epoll_wait",
                "futex" => "futex (threads blocking and waking)",
                _ => call,
            };
        }
        return null;
    }
}
