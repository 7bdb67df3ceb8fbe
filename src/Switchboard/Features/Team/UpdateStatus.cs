using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Faces;
using Switchboard.Faces.PingBack;
using Switchboard.Tenancy;

namespace Switchboard.Features.Team;

/// <summary>PATCH /api/v1/team/status: a member sets their own availability.</summary>
public static class UpdateStatus
{
    public sealed record Request(string Status);

    public static async Task<IResult> HandleAsync(HttpContext http, SwitchboardDb db, IDomainEvents events, TimeProvider time)
    {
        var caller = http.Caller();
        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return Answer.Invalid([error]);
        var input = new Input(body);
        var status = input.Choice<AgentStatus>("status", input.String("status", required: true, max: 16), required: false);
        if (!input.IsValid) return Answer.Invalid(input.Errors);

        var changed = await SetAsync(db, events, time.Now(), caller.WorkspaceId, caller.UserId, status!.Value, caller.UserId);
        if (changed is null) return Answer.Refuse(Failure.NotFound("Team member not found"));
        return Answer.Value(MemberView.From(changed, changed.User!));
    }

    /// <summary>Sets a member's status; raises <see cref="AgentStatusChanged"/> only when it really changes.</summary>
    public static async Task<Membership?> SetAsync(SwitchboardDb db, IDomainEvents events, DateTime now,
        Guid workspaceId, Guid userId, AgentStatus status, Guid? actor)
    {
        // With its user, in the one read: the answer needs the name and address, and nothing after the commit may fail.
        var member = await db.Memberships.Include(m => m.User)
            .FirstOrDefaultAsync(m => m.WorkspaceId == workspaceId && m.UserId == userId);
        if (member is null) return null;
        if (member.Status == status) return member;
        var previous = member.Status;
        member.Status = status;
        member.UpdatedAt = now;
        AuditLog.Record(db, now, workspaceId, actor, "status.changed", "membership", member.Id,
            new { from = previous.Wire(), to = status.Wire() });
        // Agents change status all day: the member's row is locked only while the batch runs, not until a COMMIT.
        await db.SaveInOneBatchAsync();
        await events.PublishAsync(new AgentStatusChanged(workspaceId, userId, member.Id, status));
        return member;
    }
}
