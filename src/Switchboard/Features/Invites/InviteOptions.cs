namespace Switchboard.Features.Invites;

/// <summary>The Invites section of the configuration.</summary>
public sealed class InviteOptions
{
    public const string Section = "Invites";

    /// <summary>How long a link stays valid; resending renews it.</summary>
    public double ExpiryDays { get; set; } = 7;

    /// <summary>Resends allowed per invite and caller within an hour.</summary>
    public int ResendPerHour { get; set; } = 5;

    /// <summary>Invitation mails (any workspace) one address may receive within an hour: an invite and its five resends.</summary>
    public int MailsPerRecipientPerHour { get; set; } = 6;

    /// <summary>How often pending invites past their expiry are marked expired (a daily sweep by default).</summary>
    public double SweepIntervalHours { get; set; } = 24;

    public TimeSpan Lifetime => TimeSpan.FromDays(ExpiryDays);
}
