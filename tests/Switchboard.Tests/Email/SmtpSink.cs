using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Switchboard.Tests.Email;

/// <summary>
/// The real SMTP server of tests/smtp-sink, run as a child process (node sink.mjs --port N --dir D) and
/// stopped with the test. Installs its npm packages first when node_modules is missing.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private readonly Process _process;

    private SmtpSink(Process process, int port, string directory)
    {
        _process = process;
        Port = port;
        Mail = new MailDrop(directory);
    }

    public int Port { get; }
    public MailDrop Mail { get; }

    private static string Folder => System.IO.Path.Combine(RepoRoot.Location, "tests", "smtp-sink");

    /// <summary>A port nothing listens on right now (the OS picks it), for a server started later.</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static async Task<SmtpSink> StartAsync(int port, string directory)
    {
        await EnsureInstalledAsync();
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "sink.mjs", "--port", port.ToString(), "--dir", directory, "--exit-with-stdin" })
            start.ArgumentList.Add(arg);
        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
            if (line is null || !line.StartsWith("listening on", StringComparison.Ordinal))
                throw new InvalidOperationException($"smtp sink did not start: {line} {await errors.WaitAsync(TimeSpan.FromSeconds(2))}");
        }
        catch
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            throw;
        }
        return new SmtpSink(process, port, directory);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        _process.Dispose();
    }

    private static async Task EnsureInstalledAsync()
    {
        await InstallLock.WaitAsync();
        try
        {
            if (Directory.Exists(System.IO.Path.Combine(Folder, "node_modules", "smtp-server"))) return;
            var install = new ProcessStartInfo("npm") { WorkingDirectory = Folder, UseShellExecute = false,
                RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { "ci", "--no-audit", "--no-fund" }) install.ArgumentList.Add(arg);
            using var npm = Process.Start(install) ?? throw new InvalidOperationException("npm did not start");
            var output = npm.StandardOutput.ReadToEndAsync();
            var errors = npm.StandardError.ReadToEndAsync();
            await npm.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
            if (npm.ExitCode != 0)
                throw new InvalidOperationException($"npm ci in tests/smtp-sink failed: {await output} {await errors}");
        }
        finally
        {
            InstallLock.Release();
        }
    }
}
