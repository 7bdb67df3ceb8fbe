using System.Diagnostics;

namespace Switchboard.Operations;

/// <summary>
/// Gives every request an Activity (so JSON log lines carry its TraceId and SpanId) when traces are off and
/// ASP.NET Core's hosting log scope is off too (see <see cref="OperationsSetup"/>): ASP.NET Core creates a
/// request's Activity only when someone listens, and until now its own request logging was that someone. The
/// activities are propagation-only: ids, no tags, nothing recorded or exported.
/// </summary>
public sealed class RequestTraceIds : IHostedService, IDisposable
{
    private ActivityListener? _listener;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
        };
        ActivitySource.AddActivityListener(_listener);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _listener?.Dispose();
}
