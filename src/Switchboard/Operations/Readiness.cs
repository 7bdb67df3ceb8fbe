using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Switchboard.Operations;

/// <summary>
/// <c>GET /readyz</c>, for a load balancer deciding where to send new requests: 200 <c>Ready</c> when every health
/// check is Healthy (the database answers; in a cluster Redis is connected), 503 otherwise — and 503 <c>Stopping</c>
/// from the moment the host begins to stop, before Kestrel stops accepting, so a balancer that polls it drains this
/// node first. <c>/healthz</c> (liveness) stays as it was: a node that is stopping or has lost Redis is still alive.
/// </summary>
public static class Readiness
{
    public static async Task<IResult> AnswerAsync(IHostApplicationLifetime lifetime, HealthCheckService health, CancellationToken cancel)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested) return Results.Text("Stopping", statusCode: StatusCodes.Status503ServiceUnavailable);
        var report = await health.CheckHealthAsync(cancel);
        return report.Status == HealthStatus.Healthy
            ? Results.Text("Ready")
            : Results.Text(report.Status == HealthStatus.Degraded ? "Degraded" : "Unhealthy", statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}

/// <summary>
/// On SIGTERM/SIGINT, holds the host for <c>Shutdown:DrainSeconds</c> (0 by default, so Ctrl-C stops at once) while
/// /readyz already answers 503 and the node still serves: a balancer polling readiness moves new requests away
/// before Kestrel stops accepting. Then the host stops as usual: Kestrel refuses new connections, in-flight
/// requests finish within <c>Shutdown:TimeoutSeconds</c> (the host's ShutdownTimeout, which includes this wait),
/// sockets are told the server is going away (they reconnect elsewhere or after the restart, and recover).
/// </summary>
public sealed class ShutdownDrain(IConfiguration config, ILogger<ShutdownDrain> log) : IHostedLifecycleService
{
    private readonly TimeSpan _drain = TimeSpan.FromSeconds(Math.Max(0, config.GetValue("Shutdown:DrainSeconds", 0.0)));

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        if (_drain <= TimeSpan.Zero) return;
        log.LogInformation("Stopping: /readyz answers 503; serving {Seconds} s more while the load balancer drains", _drain.TotalSeconds);
        try
        {
            await Task.Delay(_drain, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The shutdown timeout ran out first: stop now.
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
