namespace Switchboard.SocketIO;

/// <summary>
/// A broadcast with acknowledgements in which not every socket answered in time (Node: the
/// "operation has timed out" error of <c>io.timeout(ms).emitWithAck</c>); <see cref="Answers"/> holds the answers
/// that did arrive, in arrival order.
/// </summary>
public sealed class BroadcastAckTimeoutException : TimeoutException
{
    /// <summary>Creates the exception with the answers received and the number of sockets asked.</summary>
    public BroadcastAckTimeoutException(string eventName, TimeSpan timeout, IReadOnlyList<SocketIOArgs> answers, int expected)
        : base($"{expected - answers.Count} of {expected} sockets did not acknowledge '{eventName}' within {timeout.TotalMilliseconds} ms.")
    {
        Answers = answers;
        Expected = expected;
    }

    /// <summary>The acknowledgements that arrived in time, in arrival order.</summary>
    public IReadOnlyList<SocketIOArgs> Answers { get; }

    /// <summary>How many sockets the event was sent to.</summary>
    public int Expected { get; }
}
