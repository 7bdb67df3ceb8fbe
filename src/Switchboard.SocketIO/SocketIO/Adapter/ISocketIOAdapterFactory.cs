namespace Switchboard.SocketIO;

/// <summary>Creates the adapter of each namespace; register another implementation in DI to replace the in-process one.</summary>
public interface ISocketIOAdapterFactory
{
    /// <summary>Creates the adapter of a namespace (called once per namespace).</summary>
    ISocketIOAdapter Create(Namespace nsp);
}
