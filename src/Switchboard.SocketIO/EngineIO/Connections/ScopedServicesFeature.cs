using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Switchboard.SocketIO.EngineIO.Connections;

/// <summary>
/// <c>RequestServices</c> of a request the connection handler serves: a DI scope created on first use and disposed
/// when the WebSocket ends. Unlike ASP.NET Core's <c>RequestServicesFeature</c> it keeps no reference to the
/// HttpContext, so the request can be collected while the WebSocket lives; an unused scope costs one small object.
/// </summary>
internal sealed class ScopedServicesFeature(IServiceScopeFactory scopeFactory) : IServiceProvidersFeature, IAsyncDisposable
{
    private AsyncServiceScope? _scope;
    private IServiceProvider? _services;

    /// <summary>Whether a scope was made (and must be disposed).</summary>
    public bool HasScope => _scope is not null;

    public IServiceProvider RequestServices
    {
        get
        {
            if (_services is null)
            {
                _scope = scopeFactory.CreateAsyncScope();
                _services = _scope.Value.ServiceProvider;
            }

            return _services;
        }

        set => _services = value;
    }

    public ValueTask DisposeAsync()
    {
        var scope = _scope;
        _scope = null;
        _services = null;
        return scope?.DisposeAsync() ?? ValueTask.CompletedTask;
    }
}
