using System.Linq.Expressions;

namespace Switchboard.Domain;

public sealed class Conversation
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid WorkspaceId { get; init; }
    public string? CustomerId { get; init; }
    public string? InitialMessage { get; init; }
    public ConversationStatus Status { get; set; } = ConversationStatus.Open;
    public Guid? AssigneeUserId { get; set; }
    public DateTime? AssignedAt { get; set; }
    /// <summary>When the current assignee last replied; reassignment looks for silence since AssignedAt.</summary>
    public DateTime? AssigneeRepliedAt { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>Routing chooses only among this team's members; null = anyone in the workspace (as before teams).</summary>
    public Guid? TeamId { get; set; }
    /// <summary>Normalized skills, comma-joined, most important first (<see cref="Skills"/>); null = none.</summary>
    public string? RequiredSkills { get; set; }
    public Priority Priority { get; set; } = Priority.Normal;
    /// <summary>When the workspace's skills_fallback_seconds passed without a match: skills became preferences.</summary>
    public DateTime? SkillsRelaxedAt { get; set; }
    /// <summary>First-response target (from the workspace's per-priority SLA); null = none.</summary>
    public DateTime? SlaDueAt { get; set; }
    /// <summary>80% of the way from creation to <see cref="SlaDueAt"/>: when sla_warning is raised.</summary>
    public DateTime? SlaWarnAt { get; set; }
    public SlaState SlaState { get; set; } = SlaState.None;
    /// <summary>When an assignee first replied: it meets the first-response target.</summary>
    public DateTime? FirstResponseAt { get; set; }

    /// <summary>Offer routing: the one agent this conversation is offered to now; null = no open offer.</summary>
    public Guid? OfferedToUserId { get; set; }
    /// <summary>When the open offer lapses (the workspace's offer_timeout_seconds after it was made).</summary>
    public DateTime? OfferExpiresAt { get; set; }
    /// <summary>
    /// Agents who declined or let an offer of this conversation lapse in the current round, comma-joined: the next
    /// offer goes to someone else, and when nobody else is eligible a new round starts.
    /// </summary>
    public string? OfferPassedBy { get; set; }

    public IReadOnlyList<Guid> PassedBy =>
        string.IsNullOrEmpty(OfferPassedBy) ? [] : [.. OfferPassedBy.Split(',').Select(Guid.Parse)];

    public bool HasOpenOffer => OfferedToUserId is not null;

    /// <summary>Opens an offer to the agent; a pick among agents who already passed starts a new round.</summary>
    public void OfferTo(Guid userId, DateTime now, DateTime expiresAt)
    {
        if (PassedBy.Contains(userId)) OfferPassedBy = null;
        OfferedToUserId = userId;
        OfferExpiresAt = expiresAt;
        UpdatedAt = now;
    }

    /// <summary>Ends the open offer with the agent passing (declined or lapsed): the next offer skips them.</summary>
    public void PassOffer(DateTime now)
    {
        if (OfferedToUserId is not { } passed) return;
        OfferPassedBy = string.Join(',', PassedBy.Append(passed).Distinct());
        OfferedToUserId = null;
        OfferExpiresAt = null;
        UpdatedAt = now;
    }

    /// <summary>Ends an offer without anyone passing (the conversation was assigned or finished).</summary>
    public void ClearOffer()
    {
        OfferedToUserId = null;
        OfferExpiresAt = null;
        OfferPassedBy = null;
    }

    public IReadOnlyList<string> Skills =>
        string.IsNullOrEmpty(RequiredSkills) ? [] : RequiredSkills.Split(',');

    /// <summary>
    /// Sets the first-response target from the workspace's setting for this priority, measured from creation.
    /// A target already met or breached stays as it was; a moved deadline re-arms the warning when it lies ahead.
    /// </summary>
    public void ApplySla(Workspace workspace, DateTime now)
    {
        if (SlaState is SlaState.Met or SlaState.Breached || FirstResponseAt is not null) return;
        if (workspace.SlaSecondsFor(Priority) is not { } seconds)
        {
            SlaDueAt = null;
            SlaWarnAt = null;
            SlaState = SlaState.None;
            return;
        }
        SlaDueAt = CreatedAt.AddSeconds(seconds);
        SlaWarnAt = CreatedAt.AddSeconds(seconds * 0.8);
        if (SlaWarnAt > now) SlaState = SlaState.None;
    }

    public bool IsFinished => Status is ConversationStatus.Resolved or ConversationStatus.Closed;

    /// <summary>
    /// What counts towards an assignee's load (capacity, routing's fewest-first, hand-backs when a member
    /// leaves or moves to a lite seat): open and pending conversations. Written as an expression so every
    /// query uses this one definition.
    /// </summary>
    public static readonly Expression<Func<Conversation, bool>> IsLoad =
        c => c.Status == ConversationStatus.Open || c.Status == ConversationStatus.Pending;

    /// <summary>
    /// The one way a conversation gets an assignee, by hand or by routing: refused when it is finished or the
    /// member cannot take conversations; otherwise the assignee changes, the reply clock restarts and the
    /// member's LastAssignedAt (routing's tie-break) moves. Returns the previous assignee.
    /// </summary>
    public Result<Guid?> AssignTo(Membership agent, DateTime now)
    {
        if (IsFinished) return Failure.Invalid($"Cannot assign a {Status.Wire()} conversation");
        if (!agent.IsActive || agent.WorkspaceId != WorkspaceId) return Failure.Invalid("Agent is not a team member");
        if (agent.Seat == Seat.Lite) return Failure.Invalid("Lite seats cannot be assigned conversations");
        var previous = AssigneeUserId;
        // An assignment (an accepted offer, or a person assigning by hand) ends any open offer: one holder only.
        ClearOffer();
        AssigneeUserId = agent.UserId;
        AssignedAt = now;
        AssigneeRepliedAt = null;
        UpdatedAt = now;
        agent.LastAssignedAt = now;
        return previous;
    }
}
