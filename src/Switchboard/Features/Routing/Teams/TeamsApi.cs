using Switchboard.Faces;
using Switchboard.Tenancy;

namespace Switchboard.Features.Routing.Teams;

/// <summary>Teams, their members and members' skills, on the PingBack face (docs/routing.md).</summary>
public static class TeamsApi
{
    public static FaceRoutes MapTeamsApi(this FaceRoutes faces)
    {
        var team = faces.PingBack.MapGroup("/team").WithTags("Routing").RequireCaller();
        team.MapGet("/teams", ManageTeams.ListAsync).Produces<TeamView[]>()
            .WithSummary("Every team of the business, oldest first, with member ids (any member)");
        team.MapPost("/teams", ManageTeams.CreateAsync).Accepts<ManageTeams.Request>("application/json")
            .Produces<TeamView>(StatusCodes.Status201Created).Refusals()
            .WithSummary("Create a team {name} (owner or admin); names are unique in the business, whatever their case");
        team.MapGet("/teams/{id}", ManageTeams.GetAsync).Produces<TeamView>().Refusals()
            .WithSummary("One team");
        team.MapPatch("/teams/{id}", ManageTeams.UpdateAsync).Accepts<ManageTeams.Request>("application/json")
            .Produces<TeamView>().Refusals().WithSummary("Rename a team (owner or admin)");
        team.MapDelete("/teams/{id}", ManageTeams.DeleteAsync).Produces<RefusalShapes.MessageBody>().Refusals(StatusCodes.Status409Conflict)
            .WithSummary("Delete a team (owner or admin; never the default team: 409); its conversations route to anyone");
        team.MapPut("/teams/{id}/members/{member_id}", ManageTeams.AddMemberAsync).Produces<TeamView>().Refusals()
            .WithSummary("Add a member to a team (owner or admin; idempotent; a member may be in several teams)");
        team.MapDelete("/teams/{id}/members/{member_id}", ManageTeams.RemoveMemberAsync).Produces<TeamView>().Refusals()
            .WithSummary("Take a member out of a team (owner or admin; idempotent)");
        team.MapPut("/teams/{id}/hours", TeamHours.PutAsync).Accepts<TeamHours.Request>("application/json")
            .Produces<TeamHours.View>().Refusals()
            .WithSummary("Set a team's business hours {timezone (IANA), weekly: [{day, from, to}], holidays: [YYYY-MM-DD]} (owner or admin); spans may run past midnight");
        team.MapGet("/teams/{id}/hours", TeamHours.GetAsync).Produces<TeamHours.View>().Refusals()
            .WithSummary("A team's business hours (timezone null: always open), whether it is open now and when it next opens");
        team.MapDelete("/teams/{id}/hours", TeamHours.DeleteAsync).Produces<TeamHours.View>().Refusals()
            .WithSummary("Remove a team's business hours: always open (owner or admin)");
        team.MapGet("/teams/{id}/open", TeamHours.OpenAsync).Produces<TeamHours.OpenView>().Refusals()
            .WithSummary("Whether the team is open now, and when it next opens (null while open)");
        team.MapGet("/skills", SkillCatalogue.ListAsync).Produces<SkillCatalogue.Entry[]>()
            .WithSummary("Every skill the business's members hold, by name, with how many members hold it (any member)");
        team.MapGet("/members/{id}/skills", MemberSkills.GetAsync).Produces<MemberSkills.View>().Refusals()
            .WithSummary("A member's skills");
        team.MapPut("/members/{id}/skills", MemberSkills.PutAsync).Accepts<MemberSkills.Request>("application/json")
            .Produces<MemberSkills.View>().Refusals()
            .WithSummary("Replace a member's skills {skills: [...]} (owner or admin); normalized to lower case");
        return faces;
    }
}
