using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Switchboard.SocketIO.EngineIO;

namespace Switchboard.SocketIO;

/// <summary>
/// The Socket.IO server (Node: <c>io</c>). A singleton from DI (<c>services.AddSocketIO()</c>),
/// served by <c>app.MapSocketIO()</c>. Members without a namespace act on the main namespace "/".
/// </summary>
public sealed class SocketIOServer
{
    private readonly ConcurrentDictionary<string, Namespace> _namespaces = new(StringComparer.Ordinal);
    private readonly ISocketIOAdapterFactory _adapterFactory;

    /// <summary>Creates a server; <see cref="Microsoft.Extensions.DependencyInjection.SocketIOServiceCollectionExtensions.AddSocketIO"/> registers one for you.</summary>
    public SocketIOServer(SocketIOOptions options, ISocketIOAdapterFactory? adapterFactory = null, ILoggerFactory? loggerFactory = null)
    {
        Options = options;
        _adapterFactory = adapterFactory ?? new InMemoryAdapterFactory();
        Logger = (ILogger?)loggerFactory?.CreateLogger<SocketIOServer>() ?? NullLogger.Instance;
        Engine = new EngineIOServer(options, loggerFactory?.CreateLogger<EngineIOServer>())
        {
            OnConnection = session =>
            {
                _ = new SocketIOConnection(this, session);
                return Task.CompletedTask;
            },
        };
        Sockets = Of("/");
    }

    /// <summary>The server's options.</summary>
    public SocketIOOptions Options { get; }

    /// <summary>The main namespace "/".</summary>
    public Namespace Sockets { get; }

    /// <summary>The Engine.IO server underneath (its request handler is what MapSocketIO maps).</summary>
    public EngineIOServer Engine { get; }

    internal ILogger Logger { get; }

    /// <summary>The clock of every timer and expiry (the options' TimeProvider, else the system clock); adapters use it too.</summary>
    public TimeProvider Time => Engine.Time;

    /// <summary>Returns the namespace, creating it on first use.</summary>
    public Namespace Of(string name)
    {
        name = Normalize(name);
        return _namespaces.GetOrAdd(name, static (n, server) => new Namespace(server, n, server._adapterFactory), this);
    }

    /// <inheritdoc cref="Namespace.Use"/>
    public Namespace Use(Func<Socket, Func<Task>, Task> middleware) => Sockets.Use(middleware);

    /// <inheritdoc cref="Namespace.OnConnection(Func{Socket, Task})"/>
    public Namespace OnConnection(Func<Socket, Task> handler) => Sockets.OnConnection(handler);

    /// <inheritdoc cref="Namespace.OnConnection(Action{Socket})"/>
    public Namespace OnConnection(Action<Socket> handler) => Sockets.OnConnection(handler);

    /// <inheritdoc cref="Namespace.To(string)"/>
    public BroadcastOperator To(string room) => Sockets.To(room);

    /// <inheritdoc cref="Namespace.To(IEnumerable{string})"/>
    public BroadcastOperator To(IEnumerable<string> rooms) => Sockets.To(rooms);

    /// <inheritdoc cref="Namespace.In(string)"/>
    public BroadcastOperator In(string room) => Sockets.In(room);

    /// <inheritdoc cref="Namespace.In(IEnumerable{string})"/>
    public BroadcastOperator In(IEnumerable<string> rooms) => Sockets.In(rooms);

    /// <inheritdoc cref="Namespace.Except(string)"/>
    public BroadcastOperator Except(string room) => Sockets.Except(room);

    /// <inheritdoc cref="Namespace.Except(IEnumerable{string})"/>
    public BroadcastOperator Except(IEnumerable<string> rooms) => Sockets.Except(rooms);

    /// <inheritdoc cref="Namespace.Local"/>
    public BroadcastOperator Local => Sockets.Local;

    /// <inheritdoc cref="Namespace.Timeout(TimeSpan)"/>
    public BroadcastOperator Timeout(TimeSpan timeout) => Sockets.Timeout(timeout);

    /// <inheritdoc cref="Namespace.Volatile"/>
    public BroadcastOperator Volatile => Sockets.Volatile;

    /// <inheritdoc cref="Namespace.EmitWithAckAsync(string, object[])"/>
    public Task<IReadOnlyList<SocketIOArgs>> EmitWithAckAsync(string eventName, params object?[] args) => Sockets.EmitWithAckAsync(eventName, args);

    /// <inheritdoc cref="Namespace.EmitAsync(string, object[])"/>
    public ValueTask EmitAsync(string eventName, params object?[] args) => Sockets.EmitAsync(eventName, args);

    /// <inheritdoc cref="Namespace.FetchSocketsAsync()"/>
    public ValueTask<IReadOnlyList<Socket>> FetchSocketsAsync() => Sockets.FetchSocketsAsync();

    /// <inheritdoc cref="Namespace.FetchClusterSocketsAsync(TimeSpan?)"/>
    public ValueTask<IReadOnlyList<RemoteSocket>> FetchClusterSocketsAsync(TimeSpan? timeout = null) => Sockets.FetchClusterSocketsAsync(timeout);

    /// <inheritdoc cref="Namespace.ServerSideEmitAsync(string, object[])"/>
    public ValueTask ServerSideEmitAsync(string eventName, params object?[] args) => Sockets.ServerSideEmitAsync(eventName, args);

    /// <inheritdoc cref="Namespace.ServerSideEmitWithAckAsync(string, TimeSpan, object[])"/>
    public ValueTask<IReadOnlyList<System.Text.Json.JsonElement>> ServerSideEmitWithAckAsync(string eventName, TimeSpan timeout, params object?[] args) =>
        Sockets.ServerSideEmitWithAckAsync(eventName, timeout, args);

    /// <inheritdoc cref="Namespace.OnServerSideEmit"/>
    public Namespace OnServerSideEmit(Func<ServerSideEvent, Task> handler) => Sockets.OnServerSideEmit(handler);

    /// <inheritdoc cref="Namespace.SocketsJoinAsync(string[])"/>
    public ValueTask SocketsJoinAsync(params string[] rooms) => Sockets.SocketsJoinAsync(rooms);

    /// <inheritdoc cref="Namespace.SocketsLeaveAsync(string[])"/>
    public ValueTask SocketsLeaveAsync(params string[] rooms) => Sockets.SocketsLeaveAsync(rooms);

    /// <inheritdoc cref="Namespace.DisconnectSocketsAsync(bool)"/>
    public ValueTask DisconnectSocketsAsync(bool close = false) => Sockets.DisconnectSocketsAsync(close);

    /// <summary>Disconnects every client ("server shutting down"); MapSocketIO calls it when the application stops.</summary>
    public void Close() => Engine.CloseAll(EngineIOCloseReason.ServerShuttingDown);

    internal Namespace? GetNamespace(string name) => _namespaces.TryGetValue(name, out var nsp) ? nsp : null;

    /// <summary>Runs an application callback without letting it block or break packet processing.</summary>
    internal void Invoke<T>(Func<T, Task> handler, T argument, string what)
    {
        Task task;
        try
        {
            task = handler(argument);
        }
        catch (Exception ex)
        {
            Logger.LogError(ex, "The {What} handler failed", what);
            return;
        }

        if (!task.IsCompleted)
        {
            _ = ObserveAsync(task, what);
        }
        else if (task.IsFaulted)
        {
            Logger.LogError(task.Exception, "The {What} handler failed", what);
        }
    }

    private async Task ObserveAsync(Task task, string what)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Logger.LogError(ex, "The {What} handler failed", what);
        }
    }

    private static string Normalize(string name) => name.StartsWith('/') ? name : "/" + name;
}
