// dotnet Bench.TraceReport.dll <file.nettrace> [top]
// Allocation ticks (~every 100 KB allocated) grouped by type, then by allocating frame (first frame of our own
// or of a library, skipping the runtime's), plus exception counts by type.
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

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
