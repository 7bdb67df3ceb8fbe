namespace Switchboard.SocketIO;

/// <summary>Creates an <see cref="InMemoryAdapter"/> per namespace: a single node, the default.</summary>
public sealed class InMemoryAdapterFactory : ISocketIOAdapterFactory
{
    /// <inheritdoc/>
    public ISocketIOAdapter Create(Namespace nsp) => new InMemoryAdapter(nsp);
}
