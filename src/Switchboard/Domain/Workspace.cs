namespace Switchboard.Domain;

/// <summary>PingBack calls it a business or organization; Pipeback a workspace.</summary>
public sealed class Workspace
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public required string Name { get; set; }
    public required string Handle { get; set; }
    public string? Logo { get; set; }
    public string? Website { get; set; }
    public string? Industry { get; set; }
    public string? TeamSize { get; set; }
    public string? Goal { get; set; }
    public Plan Plan { get; set; } = Plan.Free;
    /// <summary>Settable: an ownership transfer moves it, with the owner role, under the workspace lock.</summary>
    public Guid OwnerUserId { get; set; }
    public bool AdminsCanInvite { get; set; }
    /// <summary>Presence: a member whose last socket is gone for the grace period becomes offline.</summary>
    public bool AutoOffline { get; set; } = true;
    /// <summary>Who must have a second factor to act in this workspace (owner's setting; "off" by default).</summary>
    public TwoFactorPolicy RequireTwoFactor { get; set; } = TwoFactorPolicy.Off;
    public RoutingMode RoutingMode { get; set; } = RoutingMode.Manual;
    /// <summary>Open conversations a member may hold at once under auto routing, unless their own capacity says otherwise.</summary>
    public int DefaultCapacity { get; set; } = 5;
    /// <summary>Auto routing takes a conversation back when its assignee has not replied in this many minutes; null = never.</summary>
    public int? ReassignAfterMinutes { get; set; }
    /// <summary>Seconds a conversation waits for an agent holding every required skill before skills relax; null = never.</summary>
    public int? SkillsFallbackSeconds { get; set; }
    /// <summary>Offer routing: seconds an agent has to accept an offer before it goes to the next agent.</summary>
    public int OfferTimeoutSeconds { get; set; } = 30;
    /// <summary>Offer routing: offers an agent may let lapse in a row before being set away.</summary>
    public int OfferLapsesBeforeAway { get; set; } = 3;
    /// <summary>Outside a team's hours its conversations go to this team when it is open; null = they wait.</summary>
    public Guid? AfterHoursTeamId { get; set; }
    /// <summary>First-response targets per priority in seconds (null = no target); they set a conversation's sla_due_at.</summary>
    public int? SlaLowSeconds { get; set; }
    public int? SlaNormalSeconds { get; set; }
    public int? SlaHighSeconds { get; set; }
    public int? SlaUrgentSeconds { get; set; }

    public int? SlaSecondsFor(Priority priority) => priority switch
    {
        Priority.Low => SlaLowSeconds,
        Priority.High => SlaHighSeconds,
        Priority.Urgent => SlaUrgentSeconds,
        _ => SlaNormalSeconds,
    };

    /// <summary>Bumped at the start of every seat-changing transaction: the row lock that serializes them.</summary>
    public long LockVersion { get; set; }
    public DateTime CreatedAt { get; init; }
}
