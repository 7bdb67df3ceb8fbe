using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Faces;
using Switchboard.Faces.PingBack;
using Switchboard.Features.Audit;

namespace Switchboard.Features.Workspaces;

/// <summary>GET/PATCH /api/v1/team/settings: workspace-wide team settings; only the owner changes them.</summary>
public static class TeamSettings
{
    public sealed record View(bool AdminsCanInvite);
    public sealed record Request(bool? AdminsCanInvite);

    public static IResult Get(HttpContext http) => Results.Ok(new View(http.Caller().Workspace.AdminsCanInvite));

    public static async Task<IResult> UpdateAsync(HttpContext http, SwitchboardDb db, TimeProvider time)
    {
        var caller = http.Caller();
        if (!caller.May(Permission.ManageWorkspace))
            return PingBackFace.Detail(403, "Only the org owner can change team settings");
        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return PingBackFace.Validation([error]);
        var input = new Input(body);
        var adminsCanInvite = input.Bool("admins_can_invite");
        if (!input.IsValid) return PingBackFace.Validation(input.Errors);

        var workspace = await db.Workspaces.FirstAsync(w => w.Id == caller.WorkspaceId);
        if (adminsCanInvite is { } value && value != workspace.AdminsCanInvite)
        {
            workspace.AdminsCanInvite = value;
            AuditLog.Record(db, time.Now(), workspace.Id, caller.UserId, "settings.changed", "workspace", workspace.Id,
                new { admins_can_invite = value });
            await db.SaveChangesAsync();
        }
        return Results.Ok(new View(workspace.AdminsCanInvite));
    }
}
