namespace Switchboard.Domain;

/// <summary>One skill a member holds ("billing", "de"); routing matches them against a conversation's required skills.</summary>
public sealed class MemberSkill
{
    public Guid MembershipId { get; init; }
    public required string Skill { get; init; }

    public const int MaxLength = 64;
    public const int MaxPerList = 50;

    /// <summary>
    /// The one spelling skills are compared in: trimmed and lower-case (invariant), so "Billing " and "billing" are one skill.
    /// </summary>
    public static string Normalize(string skill) => skill.Trim().ToLowerInvariant();
}
