using Switchboard.Faces;
using Switchboard.Faces.PingBack;
using Switchboard.Tenancy;

namespace Switchboard.Features.Team;

public static class TeamApi
{
    public static FaceRoutes MapTeamApi(this FaceRoutes faces)
    {
        var team = faces.PingBack.MapGroup("/team").WithTags("Team").RequireCaller();
        team.MapPost("/invite", InviteMember.HandleAsync)
            .RequireRateLimiting(Invites.InvitesSetup.CreatePolicy)
            .Produces<InviteMember.Response>()
            .WithSummary("Add an existing user as agent or admin (owner only; plan limits apply, 402 past them)");
        team.MapGet("/members", ListMembers.HandleAsync)
            .Produces<MemberView[]>()
            .WithSummary("Every member of the business, the owner included")
            .WithDescription(MemberQuery.Description + " Paged, the answer is {items, page, page_size, total}.");
        team.MapDelete("/members/{member_id}", RemoveMember.HandleAsync)
            .WithSummary("Remove a member by membership id (owner only; never the owner)");
        team.MapPost("/members/{member_id}/suspend", SuspendMember.SuspendViaPingBackAsync)
            .Produces<MemberView>()
            .WithSummary("Suspend a member: seat freed, open conversations handed back, sockets closed, history kept");
        team.MapPost("/members/{member_id}/restore", SuspendMember.RestoreViaPingBackAsync)
            .Produces<MemberView>()
            .WithSummary("Restore a suspended member (plan limits apply, 402 past them)");
        team.MapPost("/leave", LeaveWorkspace.HandleAsync)
            .WithSummary("Leave the business (any member but the owner); the same effects as a removal");
        team.MapPatch("/members/{member_id}", ChangeMember.ViaPingBackAsync)
            .Accepts<ChangeMember.Request>("application/json")
            .Produces<MemberView>()
            .WithSummary("Change a member's role (owner only) or seat (full|lite; plan limits apply)");
        // Pipeback's member resource, all of it here: list, change, remove.
        var members = faces.Pipeback.MapGroup("/members").WithTags("Members").RequireCaller();
        members.MapGet("", PipebackMembers.ListAsync)
            .WithSummary("Members of the workspace")
            .WithDescription(MemberQuery.Description + " Paged, the answer is {data, meta: {current_page, last_page, per_page, total}}.");
        members.MapPatch("/{id}", ChangeMember.ViaPipebackAsync)
            .Accepts<ChangeMember.Request>("application/json")
            .Produces<PipebackMembers.View>()
            .WithSummary("Change a member's role or seat, in Pipeback's conventions");
        members.MapDelete("/{id}", PipebackMembers.RemoveAsync)
            .WithSummary("Remove a member by membership id; the seat ledger frees the seat");
        members.MapPost("/{id}/suspend", SuspendMember.SuspendViaPipebackAsync)
            .Produces<PipebackMembers.View>()
            .WithSummary("Suspend a member, in Pipeback's conventions");
        members.MapPost("/{id}/restore", SuspendMember.RestoreViaPipebackAsync)
            .Produces<PipebackMembers.View>()
            .WithSummary("Restore a suspended member (402 when the plan is full)");
        members.MapPost("/leave", LeaveWorkspace.HandleAsync)
            .WithSummary("Leave the workspace of x-workspace-id (any member but the owner)");
        team.MapPatch("/status", UpdateStatus.HandleAsync)
            .Accepts<UpdateStatus.Request>("application/json")
            .Produces<MemberView>()
            .WithSummary("Set your own availability: live, away or offline");
        return faces;
    }
}
