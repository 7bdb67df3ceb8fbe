using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Faces;
using Switchboard.Faces.Pipeback;
using Switchboard.Features.Billing;
using Switchboard.Tenancy;

namespace Switchboard.Features.Invites;

/// <summary>
/// POST /app/invites {email, seat, role?}: an address without an account gets an invite row and its mail
/// in one transaction; an existing user who confirmed their address is added at once (the seed's behaviour).
/// The caller must have confirmed their own address (<see cref="InviterConfirmation"/>), and every mail counts
/// against the workspace's daily budget (<see cref="InviteBudget"/>). An account whose
/// address was never confirmed is treated like no account (a pending invite, mailed): its registration
/// proves nothing, the link does. Full seats count against the plan, pending invites included. The work
/// itself is <see cref="InvitePlacement"/>, which the bulk invite shares.
/// </summary>
public static class CreateInvite
{
    public sealed record Request(string Email, string Seat, string? Role);

    public const string AddedMessage = "User already has an account and was added to the workspace automatically.";
    public const string AlreadyInvited = "An invite has already been sent to this email address.";
    public const string AlreadyMember = "This user is already a member of the workspace.";

    public static async Task<IResult> HandleAsync(HttpContext http, [AsParameters] InviteServices s)
    {
        var caller = http.Caller();
        if (!caller.May(Permission.InviteMembers))
            return Answer.Refuse(Failure.Forbidden(InvitePermissions.MayNotInvite));
        if (await InviterConfirmation.RefusalAsync(s, caller) is { } unconfirmed) return unconfirmed;

        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return Answer.Invalid([error]);
        var input = new Input(body);
        var email = input.Email("email");
        var seat = input.Choice<Seat>("seat", input.String("seat", required: true, max: 16));
        var role = ReadRole(input);
        if (!input.IsValid) return Answer.Invalid(input.Errors);
        if (!caller.Member.MayManageRole(role))
            return Answer.Refuse(Failure.Forbidden(InvitePermissions.AdminsInviteAgentsOnly, RefusalCodes.AdminsAgentsOnly));

        var now = s.Time.Now();
        InvitePlacement.Placed placed;
        var plan = caller.Workspace.Plan;
        await using (var work = await WorkspaceWork.BeginAsync(s.Db, s.Events, caller))
        {
            if (work is null) return Answer.Refuse(Failure.NotFound("Workspace not found"));
            plan = work.Workspace.Plan;
            placed = await InvitePlacement.PlaceAsync(s, work, caller, email!, seat!.Value, role, now, addExisting: true);
            if (placed.Outcome is InvitePlacement.Outcome.Invited or InvitePlacement.Outcome.Added)
            {
                try
                {
                    await work.CommitAsync();
                }
                catch (DbUpdateException)
                {
                    // A concurrent invite of the same address won the unique index.
                    return EmailError(AlreadyInvited);
                }
            }
        }
        return placed.Outcome switch
        {
            InvitePlacement.Outcome.Invited => Woken(s, Answer.Value(InviteView.From(placed.Invite!, InviteWorkspace.From(caller.Workspace)), 201)),
            InvitePlacement.Outcome.Added => Woken(s, Answer.Message(AddedMessage)),
            InvitePlacement.Outcome.AlreadyMember => EmailError(AlreadyMember),
            InvitePlacement.Outcome.AlreadyInvited => EmailError(AlreadyInvited),
            InvitePlacement.Outcome.RateLimited => InviteMailer.TooManyMails(http.Response, placed.Wait!.Value),
            InvitePlacement.Outcome.BudgetSpent => InviteBudget.Spent(http.Response, placed.Wait!.Value),
            _ => Answer.Refuse(SeatUsage.LimitReached(plan)),
        };
    }

    private static IResult Woken(InviteServices s, IResult result)
    {
        s.Outbox.Wake();
        return result;
    }

    /// <summary>agent (the default) or admin: an invite never makes an owner.</summary>
    public static Role ReadRole(Input input)
    {
        var text = input.String("role", max: 16);
        if (text is null or "agent") return Role.Agent;
        if (text == "admin") return Role.Admin;
        input.Fail("role", FieldRule.OneOf, "agent, admin");
        return Role.Agent;
    }

    private static IResult EmailError(string message) =>
        Answer.Invalid([new FieldError("body", "email", FieldRule.Custom, Message: message)]);
}
