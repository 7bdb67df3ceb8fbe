using Microsoft.AspNetCore.Http;

namespace Switchboard.Cluster;

/// <summary>
/// Names the node in every response (<c>X-Switchboard-Node</c>) and in the log scope of each request, so a
/// request seen through the load balancer can be matched with the log of the node that served it.
/// </summary>
public sealed class NodeIdentity(ClusterOptions options, ILogger<NodeIdentity> log) : IStartupFilter
{
    public const string Header = "X-Switchboard-Node";

    public string Id => options.NodeId;

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (http, proceed) =>
        {
            // At the last moment: the exception handler clears headers set earlier, and 503s should say who answered too.
            http.Response.OnStarting(() =>
            {
                http.Response.Headers[Header] = Id;
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
