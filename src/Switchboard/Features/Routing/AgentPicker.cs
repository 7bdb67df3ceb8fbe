using Switchboard.Domain;

namespace Switchboard.Features.Routing;

/// <summary>
/// The selection rule, kept free of I/O so it can be read and tested on its own: among live, full-seat
/// members under capacity whom the conversation admits (<see cref="Need"/>: its team, every required skill),
/// the fewest open conversations wins; ties go to whoever was assigned longest ago. Once a conversation's skills
/// have relaxed, holding them is a preference instead of a condition: the first listed skill outweighs all after
/// it, and among equals the load rule decides.
/// </summary>
public static class AgentPicker
{
    public sealed record Candidate(Membership Member, int Load, int Capacity,
        IReadOnlySet<Guid>? Teams = null, IReadOnlySet<string>? Skills = null)
    {
        public bool HasRoom => Load < Capacity;
    }

    /// <summary>What a conversation asks of its agent; <see cref="Anyone"/> for a conversation that names nothing (as before teams).</summary>
    /// <remarks>
    /// <see cref="Passed"/> (offer routing): agents who declined or let this conversation's offer lapse in the
    /// current round; they are not offered it again while anyone else is eligible.
    /// </remarks>
    public sealed record Need(Guid? TeamId, IReadOnlyList<string> Skills, bool SkillsRelaxed, IReadOnlyList<Guid>? Passed = null)
    {
        public static readonly Need Anyone = new(null, [], false);

        public static Need Of(Conversation conversation) =>
            new(conversation.TeamId, conversation.Skills, conversation.SkillsRelaxedAt is not null, conversation.PassedBy);

        public bool Admits(Candidate candidate) =>
            (TeamId is not { } team || candidate.Teams?.Contains(team) == true)
            && (SkillsRelaxed || Skills.All(s => candidate.Skills?.Contains(s) == true))
            && (Passed is null || !Passed.Contains(candidate.Member.UserId));

        /// <summary>Relaxed skills as a binary number, first skill the highest bit: more important skills win.</summary>
        public long Preference(Candidate candidate)
        {
            if (!SkillsRelaxed) return 0;
            long score = 0;
            foreach (var skill in Skills.Take(62)) score = score * 2 + (candidate.Skills?.Contains(skill) == true ? 1 : 0);
            return score;
        }
    }

    public static Candidate? Pick(IEnumerable<Candidate> candidates, Guid? excludeUserId = null, Need? need = null)
    {
        need ??= Need.Anyone;
        return candidates
            .Where(c => c.Member.CanBeRouted && c.HasRoom && c.Member.UserId != excludeUserId && need.Admits(c))
            .OrderByDescending(need.Preference)
            .ThenBy(c => c.Load)
            .ThenBy(c => c.Member.LastAssignedAt ?? DateTime.MinValue)
            .ThenBy(c => c.Member.InvitedAt)
            .ThenBy(c => c.Member.Id)
            .FirstOrDefault();
    }
}
