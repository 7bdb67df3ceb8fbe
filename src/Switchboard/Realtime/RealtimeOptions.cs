namespace Switchboard.Realtime;

public sealed class RealtimeOptions
{
    /// <summary>How long a member's last socket may be gone before presence marks them offline.</summary>
    public int PresenceGraceSeconds { get; set; } = 60;

    /// <summary>Origins allowed to open sockets from a browser; empty allows any.</summary>
    public string[] CorsOrigins { get; set; } = [];
}
