using Switchboard.Faces.PingBack;
using Switchboard.Features.Workspaces;
using Switchboard.Tenancy;

namespace Switchboard.Features.Team;

public static class TeamApi
{
    public static IEndpointRouteBuilder MapTeamApi(this IEndpointRouteBuilder routes)
    {
        var team = routes.MapGroup($"{PingBackFace.Prefix}/team").WithTags("Team").RequireCaller();
        team.MapPost("/invite", InviteMember.HandleAsync)
            .RequireRateLimiting(Invites.InvitesSetup.CreatePolicy)
            .Produces<InviteMember.Response>()
            .WithSummary("Add an existing user as agent or admin (owner only; plan limits apply, 402 past them)");
        team.MapGet("/members", ListMembers.HandleAsync)
            .Produces<MemberView[]>()
            .WithSummary("Every member of the business, the owner included");
        team.MapDelete("/members/{member_id}", RemoveMember.HandleAsync)
            .WithSummary("Remove a member by membership id (owner only; never the owner)");
        team.MapPatch("/members/{member_id}", ChangeMember.HandleAsync)
            .Accepts<ChangeMember.Request>("application/json")
            .Produces<MemberView>()
            .WithSummary("Change a member's role (owner only) or seat (full|lite; plan limits apply)");
        routes.MapGroup(Faces.Pipeback.PipebackFace.Prefix).WithTags("Pipeback").RequireCaller()
            .MapPatch("/members/{member_id}", ChangeMember.HandleAsync)
            .Accepts<ChangeMember.Request>("application/json")
            .WithSummary("Change a member's role or seat, in Pipeback's conventions");
        team.MapPatch("/status", UpdateStatus.HandleAsync)
            .Accepts<UpdateStatus.Request>("application/json")
            .Produces<MemberView>()
            .WithSummary("Set your own availability: live, away or offline");
        return routes;
    }
}
