using Microsoft.AspNetCore.Http;

namespace Switchboard.Cluster;

/// <summary>
/// Names the node in every response (<c>X-Switchboard-Node</c>) and in the log scope of each request, so a
/// request seen through the load balancer can be matched with the log of the node that served it. The header
/// carries only a configured <c>Cluster:NodeId</c>; without one it is not sent (the default name, host and
/// process id, stays in the logs).
/// </summary>
public sealed class NodeIdentity(ClusterOptions options, ILogger<NodeIdentity> log) : IStartupFilter
{
    public const string Header = "X-Switchboard-Node";

    public string Id => options.NodeId;

    /// <summary>What the header says: the configured node id, or null to send none.</summary>
    public string? PublicId => options.PublicNodeId;

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (http, proceed) =>
        {
            // At the last moment: the exception handler clears headers set earlier, and 503s should say who answered too.
            if (PublicId is { } publicId)
                http.Response.OnStarting(() =>
                {
                    http.Response.Headers[Header] = publicId;
                    return Task.CompletedTask;
                });
            using (log.BeginScope(new Dictionary<string, object> { ["Node"] = Id }))
            {
                await proceed(http);
            }
        });
        next(app);
    };
}
