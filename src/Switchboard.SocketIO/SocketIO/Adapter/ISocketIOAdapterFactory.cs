namespace Switchboard.SocketIO;

/// <summary>Creates the adapter of each namespace; register another implementation in DI to replace the in-process one.</summary>
public interface ISocketIOAdapterFactory
{
    ISocketIOAdapter Create(Namespace nsp);
}
