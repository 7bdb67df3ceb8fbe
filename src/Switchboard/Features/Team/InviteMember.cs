using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Faces;
using Switchboard.Faces.PingBack;
using Switchboard.Features.Billing;
using Switchboard.Tenancy;

namespace Switchboard.Features.Team;

/// <summary>
/// POST /api/v1/team/invite?email=&amp;role=: adds an existing user at once (PingBack has no pending state),
/// counted against the plan under the workspace lock. Only accounts that confirmed their address are
/// added: otherwise whoever registered an address first would join as whoever the owner meant to invite.
/// The plan is checked before the address is looked up, so a full plan says nothing about who has an
/// account; the route is rate-limited per caller like the Pipeback invite.
/// </summary>
public static class InviteMember
{
    public sealed record Response(string Message, Guid TeamMemberId);

    public const string Unconfirmed = "User has not confirmed their email address";

    public static async Task<IResult> HandleAsync(HttpContext http, SwitchboardDb db, IDomainEvents events,
        TimeProvider time, string? email = null, string? role = null)
    {
        var caller = http.Caller();
        if (!caller.May(Permission.InviteMembers))
            return Answer.Refuse(Failure.Forbidden("Only the org owner can invite team members"));

        var input = Input.Empty("query");
        var address = input.CheckEmail("email", input.Check("email", email, required: true, max: 254));
        if (!input.IsValid) return Answer.Invalid(input.Errors);
        var wanted = role ?? "agent";
        if (wanted is not ("agent" or "admin"))
            return Answer.Refuse(Failure.Invalid("Invalid role. Must be agent or admin"));
        var newRole = wanted == "admin" ? Role.Admin : Role.Agent;
        if (!caller.Member.MayManageRole(newRole))
            return Answer.Refuse(Failure.Forbidden("Admins can only invite agents", RefusalCodes.AdminsAgentsOnly));

        var now = time.Now();
        // Answered the same for every address (known or not) when the plan is full; re-checked under the lock.
        if (!(await SeatUsage.MeasureAsync(db, caller.WorkspaceId, now)).HasRoomFor(caller.Workspace.Plan))
            return Answer.Refuse(SeatUsage.LimitReached(caller.Workspace.Plan));

        var normalized = User.Normalize(address!);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedEmail == normalized);
        if (user is null) return Answer.Refuse(Failure.NotFound("User not found"));
        if (user.EmailVerifiedAt is null) return Answer.Refuse(Failure.Invalid(Unconfirmed));

        await using var work = await WorkspaceWork.BeginAsync(db, events, caller);
        if (work is null) return Answer.Refuse(Failure.NotFound("Workspace not found"));
        var added = await MemberEnrollment.EnrollAsync(db, now, work.Workspace, user.Id, newRole, Seat.Full,
            caller.UserId, "pingback_invite");
        if (!added.Succeeded) return Answer.Refuse(added.Failure);
        var member = added.Value;
        work.Raise(new MemberJoined(caller.WorkspaceId, user.Id, member.Id, member.Role, member.Seat));
        await work.CommitAsync();
        var label = newRole == Role.Admin ? "Admin" : "Agent";
        return Answer.Value(new Response($"{label} {user.Email} invited successfully", member.Id));
    }
}
