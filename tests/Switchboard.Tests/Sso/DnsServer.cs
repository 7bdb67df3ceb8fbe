using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Switchboard.Tests.Sso;

/// <summary>
/// Debian's dnsmasq on a private loopback port, serving only the TXT records a test gives it (scripts/test installs
/// it and sets SWITCHBOARD_TEST_DNSMASQ). dnsmasq reads TXT records at start only, so a test that publishes a record
/// restarts it on the same port: <see cref="PublishAsync"/>. Without the binary these tests fail rather than pass unseen.
/// </summary>
public sealed class DnsServer : IAsyncDisposable
{
    private Process? _process;

    public int Port { get; } = FreePort();

    public string Address => $"127.0.0.1:{Port}";

    private static string Binary =>
        Environment.GetEnvironmentVariable("SWITCHBOARD_TEST_DNSMASQ") is { Length: > 0 } path ? path
        : File.Exists("/usr/sbin/dnsmasq") ? "/usr/sbin/dnsmasq"
        : throw new InvalidOperationException("dnsmasq is not installed: run the tests through scripts/test, which installs dnsmasq-base.");

    /// <summary>Serves exactly these TXT records from now on (one value per name: dnsmasq keeps one).</summary>
    public async Task PublishAsync(params (string Name, string Value)[] records)
    {
        await StopAsync();
        var arguments = new List<string>
        {
            "--keep-in-foreground", "--conf-file=/dev/null", "--no-resolv", "--no-hosts", "--no-poll", "--pid-file=",
            "--listen-address=127.0.0.1", "--bind-interfaces", $"--port={Port}", "--user=root", "--log-facility=-",
            // Authoritative for the tests' zone: an unpublished name is NXDOMAIN, as on the internet, not REFUSED.
            "--local=/example/",
        };
        // Unquoted: on the command line dnsmasq would keep quotes as part of the value (no commas in ours).
        arguments.AddRange(records.Select(r => $"--txt-record={r.Name},{r.Value}"));
        var start = new ProcessStartInfo(Binary) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        _process = Process.Start(start) ?? throw new InvalidOperationException("dnsmasq did not start");
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        await WaitUntilAnsweringAsync();
    }

    private async Task WaitUntilAnsweringAsync()
    {
        var client = new DnsClient.LookupClient(new DnsClient.LookupClientOptions(new DnsClient.NameServer(IPAddress.Loopback, Port))
        {
            UseCache = false, Timeout = TimeSpan.FromMilliseconds(200), Retries = 0, ThrowDnsErrors = false,
        });
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (_process!.HasExited) throw new InvalidOperationException($"dnsmasq exited with {_process.ExitCode}");
            try
            {
                await client.QueryAsync("ready.invalid", DnsClient.QueryType.TXT);
                return;
            }
            catch (DnsClient.DnsResponseException)
            {
                await Task.Delay(50);
            }
        }
        throw new InvalidOperationException("dnsmasq did not answer");
    }

    private async Task StopAsync()
    {
        if (_process is null) return;
        if (!_process.HasExited) _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>
    /// A port free for both UDP and TCP (dnsmasq binds both), below the kernel's ephemeral range (32768 and up): a UDP
    /// port the kernel hands out there can be an outgoing TCP connection's local port at the same moment, and
    /// dnsmasq then exits with 2 (address in use) — it did under the full suite's load on a fresh machine. Random
    /// start, so parallel test classes seldom try the same one.
    /// </summary>
    private static int FreePort()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(20_000, 32_000);
            try
            {
                using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
                var tcp = new TcpListener(IPAddress.Loopback, port);
                tcp.Start();
                tcp.Stop();
                return port;
            }
            catch (SocketException)
            {
                // Taken on one of the two: try another.
            }
        }
        throw new InvalidOperationException("no free port for dnsmasq between 20000 and 32000");
    }
}
