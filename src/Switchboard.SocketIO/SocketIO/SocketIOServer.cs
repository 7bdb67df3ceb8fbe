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

    public Namespace Use(Func<Socket, Func<Task>, Task> middleware) => Sockets.Use(middleware);

    public Namespace OnConnection(Func<Socket, Task> handler) => Sockets.OnConnection(handler);

    public Namespace OnConnection(Action<Socket> handler) => Sockets.OnConnection(handler);

    public BroadcastOperator To(string room) => Sockets.To(room);

    public BroadcastOperator To(IEnumerable<string> rooms) => Sockets.To(rooms);

    public BroadcastOperator In(string room) => Sockets.In(room);

    public BroadcastOperator In(IEnumerable<string> rooms) => Sockets.In(rooms);

    public BroadcastOperator Except(string room) => Sockets.Except(room);

    public BroadcastOperator Except(IEnumerable<string> rooms) => Sockets.Except(rooms);

    public BroadcastOperator Local => Sockets.Local;

    public ValueTask EmitAsync(string eventName, params object?[] args) => Sockets.EmitAsync(eventName, args);

    public ValueTask<IReadOnlyList<Socket>> FetchSocketsAsync() => Sockets.FetchSocketsAsync();

    public ValueTask<IReadOnlyList<RemoteSocket>> FetchClusterSocketsAsync(TimeSpan? timeout = null) => Sockets.FetchClusterSocketsAsync(timeout);

    public ValueTask ServerSideEmitAsync(string eventName, params object?[] args) => Sockets.ServerSideEmitAsync(eventName, args);

    public ValueTask<IReadOnlyList<System.Text.Json.JsonElement>> ServerSideEmitWithAckAsync(string eventName, TimeSpan timeout, params object?[] args) =>
        Sockets.ServerSideEmitWithAckAsync(eventName, timeout, args);

    public Namespace OnServerSideEmit(Func<ServerSideEvent, Task> handler) => Sockets.OnServerSideEmit(handler);

    public ValueTask SocketsJoinAsync(params string[] rooms) => Sockets.SocketsJoinAsync(rooms);

    public ValueTask SocketsLeaveAsync(params string[] rooms) => Sockets.SocketsLeaveAsync(rooms);

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
