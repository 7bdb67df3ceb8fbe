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
    /// <param name="RequireTwoFactor">"off", "admins" (owner and admins) or "everyone": who needs a second factor here.</param>
    public sealed record View(bool AdminsCanInvite, bool AutoOffline, string RequireTwoFactor)
    {
        public static View From(Workspace w) => new(w.AdminsCanInvite, w.AutoOffline, w.RequireTwoFactor.Wire());
    }

    public sealed record Request(bool? AdminsCanInvite, bool? AutoOffline, string? RequireTwoFactor);

    public static IResult Get(HttpContext http) => Answer.Value(View.From(http.Caller().Workspace));

    public static async Task<IResult> UpdateAsync(HttpContext http, SwitchboardDb db, IDomainEvents events, TimeProvider time)
    {
        var caller = http.Caller();
        if (!caller.May(Permission.ManageWorkspace))
            return Answer.Refuse(Failure.OwnerOnly("Only the org owner can change team settings"));
        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return Answer.Invalid([error]);
        var input = new Input(body);
        var adminsCanInvite = input.Bool("admins_can_invite");
        var autoOffline = input.Bool("auto_offline");
        var policy = input.Choice<TwoFactorPolicy>("require_two_factor", input.String("require_two_factor", max: 64));
        if (!input.IsValid) return Answer.Invalid(input.Errors);

        await using var work = await WorkspaceWork.BeginAsync(db, events, caller);
        if (work is null) return Answer.Refuse(Failure.NotFound("Workspace not found"));
        var workspace = await db.Workspaces.FirstAsync(w => w.Id == caller.WorkspaceId);
        if (policy is { } wanted && wanted != TwoFactorPolicy.Off && wanted != workspace.RequireTwoFactor
            && await TwoFactorPolicyChange.OwnerRefusalAsync(db, caller.UserId) is { } refusal)
            return Answer.Refuse(refusal);

        var before = View.From(workspace);
        workspace.AdminsCanInvite = adminsCanInvite ?? workspace.AdminsCanInvite;
        workspace.AutoOffline = autoOffline ?? workspace.AutoOffline;
        workspace.RequireTwoFactor = policy ?? workspace.RequireTwoFactor;
        var after = View.From(workspace);
        if (after != before)
        {
            AuditLog.Record(db, time.Now(), workspace.Id, caller.UserId, "settings.changed", "workspace", workspace.Id,
                new { admins_can_invite = after.AdminsCanInvite, auto_offline = after.AutoOffline, require_two_factor = after.RequireTwoFactor });
            work.Raise(new WorkspaceUpdated(workspace.Id));
            await work.CommitAsync();
            if (after.RequireTwoFactor != before.RequireTwoFactor)
                await TwoFactorPolicyChange.EnforceAsync(db, events, workspace);
        }
        return Answer.Value(after);
    }
}
