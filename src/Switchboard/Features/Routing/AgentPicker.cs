using Switchboard.Domain;

namespace Switchboard.Features.Routing;

/// <summary>
/// The selection rule, kept free of I/O so it can be read and tested on its own: among live, full-seat
/// members under capacity, the fewest open conversations wins; ties go to whoever was assigned longest ago.
/// </summary>
public static class AgentPicker
{
    public sealed record Candidate(Membership Member, int Load, int Capacity)
    {
        public bool HasRoom => Load < Capacity;
    }

    public static Candidate? Pick(IEnumerable<Candidate> candidates, Guid? excludeUserId = null) =>
        candidates
            .Where(c => c.Member.CanBeRouted && c.HasRoom && c.Member.UserId != excludeUserId)
            .OrderBy(c => c.Load)
            .ThenBy(c => c.Member.LastAssignedAt ?? DateTime.MinValue)
            .ThenBy(c => c.Member.InvitedAt)
            .ThenBy(c => c.Member.Id)
            .FirstOrDefault();
}
