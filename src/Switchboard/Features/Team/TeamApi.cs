using Switchboard.Faces;
using Switchboard.Faces.PingBack;
using Switchboard.Tenancy;

namespace Switchboard.Features.Team;

public static class TeamApi
{
    public static FaceRoutes MapTeamApi(this FaceRoutes faces)
    {
        var team = faces.PingBack.MapGroup("/team").WithTags("Team").RequireCaller();
        team.MapPost("/invite", InviteMember.HandleAsync).Refuses(400, 402, 403, 404)
            .RequireRateLimiting(Invites.InvitesSetup.CreatePolicy)
            .Produces<InviteMember.Response>()
            .WithSummary("Add an existing user as agent or admin (owner only; plan limits apply, 402 past them)");
        team.MapGet("/members", ListMembers.HandleAsync).Refuses(400)
            .Produces<MemberView[]>()
            .WithSummary("Every member of the business, the owner included")
            .WithDescription(MemberQuery.Description + " Paged, the answer is {items, page, page_size, total}.");
        team.MapDelete("/members/{member_id}", RemoveMember.HandleAsync).Refuses(400, 402, 403, 404)
            .WithSummary("Remove a member by membership id (owner only; never the owner)");
        team.MapPost("/members/{member_id}/suspend", SuspendMember.SuspendViaPingBackAsync).Refuses(400, 402, 403, 404)
            .Produces<MemberView>()
            .WithSummary("Suspend a member: seat freed, open conversations handed back, sockets closed, history kept");
        team.MapPost("/members/{member_id}/restore", SuspendMember.RestoreViaPingBackAsync).Refuses(400, 402, 403, 404)
            .Produces<MemberView>()
            .WithSummary("Restore a suspended member (plan limits apply, 402 past them)");
        team.MapPost("/leave", LeaveWorkspace.HandleAsync).Refuses(400, 402, 403, 404)
            .WithSummary("Leave the business (any member but the owner); the same effects as a removal");
        team.MapPatch("/members/{member_id}", ChangeMember.ViaPingBackAsync).Refuses(400, 402, 403, 404)
            .Accepts<ChangeMember.Request>("application/json")
            .Produces<MemberView>()
            .WithSummary("Change a member's role (owner only) or seat (full|lite; plan limits apply)");
        // Pipeback's member resource, all of it here: list, change, remove.
        var members = faces.Pipeback.MapGroup("/members").WithTags("Members").RequireCaller();
        members.MapGet("", PipebackMembers.ListAsync).Refuses(400, 403, 404)
            .WithSummary("Members of the workspace")
            .WithDescription(MemberQuery.Description + " Paged, the answer is {data, meta: {current_page, last_page, per_page, total}}.");
        members.MapPatch("/{id}", ChangeMember.ViaPipebackAsync).Refuses(400, 402, 403, 404)
            .Accepts<ChangeMember.Request>("application/json")
            .Produces<PipebackMembers.View>()
            .WithSummary("Change a member's role or seat, in Pipeback's conventions");
        members.MapDelete("/{id}", PipebackMembers.RemoveAsync).Refuses(400, 402, 403, 404)
            .WithSummary("Remove a member by membership id; the seat ledger frees the seat");
        members.MapPost("/{id}/suspend", SuspendMember.SuspendViaPipebackAsync).Refuses(400, 402, 403, 404)
            .Produces<PipebackMembers.View>()
            .WithSummary("Suspend a member, in Pipeback's conventions");
        members.MapPost("/{id}/restore", SuspendMember.RestoreViaPipebackAsync).Refuses(400, 402, 403, 404)
            .Produces<PipebackMembers.View>()
            .WithSummary("Restore a suspended member (402 when the plan is full)");
        members.MapPost("/leave", LeaveWorkspace.HandleAsync).Refuses(400, 402, 403, 404)
            .WithSummary("Leave the workspace of x-workspace-id (any member but the owner)");
        team.MapPatch("/status", UpdateStatus.HandleAsync).Refuses(400, 404)
            .Accepts<UpdateStatus.Request>("application/json")
            .Produces<MemberView>()
            .WithSummary("Set your own availability: live, away or offline");
        return faces;
    }
}
