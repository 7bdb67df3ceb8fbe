using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Faces;
using Switchboard.Faces.PingBack;

using Switchboard.Tenancy;

namespace Switchboard.Features.Workspaces;

/// <summary>GET/PATCH /api/v1/team/settings: workspace-wide team settings; only the owner changes them.</summary>
public static class TeamSettings
{
    /// <param name="AutoOffline">Presence: members whose last socket is gone past the grace period become offline.</param>
    public sealed record View(bool AdminsCanInvite, bool AutoOffline)
    {
        public static View From(Workspace w) => new(w.AdminsCanInvite, w.AutoOffline);
    }

    public sealed record Request(bool? AdminsCanInvite, bool? AutoOffline);

    public static IResult Get(HttpContext http) => Results.Ok(View.From(http.Caller().Workspace));

    public static async Task<IResult> UpdateAsync(HttpContext http, SwitchboardDb db, IDomainEvents events, TimeProvider time)
    {
        var caller = http.Caller();
        if (!caller.May(Permission.ManageWorkspace))
            return Answer.Refuse(Failure.Forbidden("Only the org owner can change team settings"));
        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return Answer.Invalid([error]);
        var input = new Input(body);
        var adminsCanInvite = input.Bool("admins_can_invite");
        var autoOffline = input.Bool("auto_offline");
        if (!input.IsValid) return Answer.Invalid(input.Errors);

        var workspace = await db.Workspaces.FirstAsync(w => w.Id == caller.WorkspaceId);
        var before = View.From(workspace);
        workspace.AdminsCanInvite = adminsCanInvite ?? workspace.AdminsCanInvite;
        workspace.AutoOffline = autoOffline ?? workspace.AutoOffline;
        var after = View.From(workspace);
        if (after != before)
        {
            AuditLog.Record(db, time.Now(), workspace.Id, caller.UserId, "settings.changed", "workspace", workspace.Id,
                new { admins_can_invite = after.AdminsCanInvite, auto_offline = after.AutoOffline });
            await db.SaveChangesAsync();
            await events.PublishAsync(new WorkspaceUpdated(workspace.Id));
        }
        return Results.Ok(after);
    }
}
