using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.SocketIO;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Socket.IO server in dependency injection.</summary>
public static class SocketIOServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="SocketIOServer"/> singleton, its options and the in-process adapter
    /// factory (registered with TryAdd: register your own <see cref="ISocketIOAdapterFactory"/> to replace it).
    /// </summary>
    public static IServiceCollection AddSocketIO(this IServiceCollection services, Action<SocketIOOptions>? configure = null)
    {
        var options = services.AddOptions<SocketIOOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton<ISocketIOAdapterFactory, InMemoryAdapterFactory>();
        services.TryAddSingleton(sp =>
        {
            var value = sp.GetRequiredService<IOptions<SocketIOOptions>>().Value;
            value.TimeProvider ??= sp.GetService<TimeProvider>();
            return new SocketIOServer(value, sp.GetRequiredService<ISocketIOAdapterFactory>(), sp.GetService<ILoggerFactory>());
        });
        return services;
    }
}
