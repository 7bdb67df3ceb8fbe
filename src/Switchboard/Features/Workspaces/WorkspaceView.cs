using Switchboard.Domain;
using Switchboard.Faces.PingBack;

namespace Switchboard.Features.Workspaces;

public sealed record WorkspaceView(
    Guid Id, string Name, string Handle, string? Logo, string? Website, string? Industry, string? TeamSize,
    string? Goal, string Plan, Guid OwnerId, bool AdminsCanInvite, string RequireTwoFactor, string CreatedAt)
{
    public static WorkspaceView From(Workspace w) => new(w.Id, w.Name, w.Handle, w.Logo, w.Website, w.Industry,
        w.TeamSize, w.Goal, w.Plan.Wire(), w.OwnerUserId, w.AdminsCanInvite, w.RequireTwoFactor.Wire(), PingBackFace.Timestamp(w.CreatedAt));
}
