namespace Switchboard.Realtime;

public sealed class RealtimeOptions
{
    /// <summary>How long a member's last socket may be gone before presence marks them offline.</summary>
    public int PresenceGraceSeconds { get; set; } = 60;

    /// <summary>
    /// Connection state recovery window (Socket.IO MaxDisconnectionDuration): a socket cut for a transport reason
    /// and back within it gets its session and every missed event. Unset: the presence grace, so that recovery
    /// does not change when a member goes offline.
    /// </summary>
    public int? RecoverySeconds { get; set; }

    /// <summary>The recovery window in effect.</summary>
    public TimeSpan RecoveryWindow => TimeSpan.FromSeconds(RecoverySeconds ?? PresenceGraceSeconds);

    /// <summary>Origins allowed to open sockets from a browser; empty allows any.</summary>
    public string[] CorsOrigins { get; set; } = [];
}
