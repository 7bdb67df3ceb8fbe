using Switchboard.Domain;

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

    /// <summary>
    /// Invitation mails (invites, resends, added-to-workspace notes) one workspace may cause in any 24 hours, by
    /// plan: <c>Invites:DailyMails:Free</c>, <c>:Mini</c>, <c>:Pro</c>. See <see cref="DailyMailBudget"/>.
    /// </summary>
    public DailyMailBudget DailyMails { get; set; } = new();

    public TimeSpan Lifetime => TimeSpan.FromDays(ExpiryDays);
}

/// <summary>
/// A workspace's invitation mails per 24 hours. Free is small because a Free workspace costs nothing to make and
/// was the spam source (3,000 mails a minute from a throwaway account); 20 still lets a new team invite everyone
/// it has on the first day (Free has no extra full seats, so those are lite seats). Mini (2 extra full seats) and
/// Pro (5) pay, so they get room for lite-seat teams and resends: 100 and 500.
/// </summary>
public sealed class DailyMailBudget
{
    public int Free { get; set; } = 20;
    public int Mini { get; set; } = 100;
    public int Pro { get; set; } = 500;

    public int For(Plan plan) => plan switch
    {
        Plan.Mini => Mini,
        Plan.Pro => Pro,
        _ => Free,
    };

    public bool IsValid => Free > 0 && Mini > 0 && Pro > 0;
}
