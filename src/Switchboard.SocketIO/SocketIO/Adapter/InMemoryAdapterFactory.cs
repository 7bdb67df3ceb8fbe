namespace Switchboard.SocketIO;

public sealed class InMemoryAdapterFactory : ISocketIOAdapterFactory
{
    public ISocketIOAdapter Create(Namespace nsp) => new InMemoryAdapter(nsp);
}
