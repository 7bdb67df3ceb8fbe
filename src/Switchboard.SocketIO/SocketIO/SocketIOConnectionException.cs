namespace Switchboard.SocketIO;

/// <summary>
/// Thrown by a middleware to refuse a connection: the client receives CONNECT_ERROR with
/// <c>{ message, data }</c> (any other exception is sent with its message and no data).
/// </summary>
public sealed class SocketIOConnectionException : Exception
{
    /// <summary>Refuses the connection with this message and optional data (sent in the CONNECT_ERROR packet).</summary>
    public SocketIOConnectionException(string message, object? data = null)
        : base(message)
    {
        ErrorData = data;
    }

    /// <summary>Sent to the client as the "data" field of the error.</summary>
    public object? ErrorData { get; }
}
