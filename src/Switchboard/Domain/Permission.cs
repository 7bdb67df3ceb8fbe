namespace Switchboard.Domain;

public enum Permission
{
    InviteMembers,
    RemoveMembers,
    AssignConversations,
    HandleConversations,
    UpdateOwnStatus,
    ManageWorkspace,
    ViewAudit,
}

/// <summary>
/// The one table that answers "may this member do this?" for both faces (docs/architecture.md, "Permissions").
/// Admins invite and remove only when the workspace's admins_can_invite is on, and then only agents.
/// </summary>
public static class Permissions
{
    public static bool Allows(this Membership member, Permission permission, Workspace workspace) =>
        member.IsActive && (member.Role, permission) switch
        {
            (Role.Owner, _) => true,
            (Role.Admin, Permission.InviteMembers or Permission.RemoveMembers) => workspace.AdminsCanInvite,
            (Role.Admin, Permission.AssignConversations or Permission.HandleConversations
                or Permission.UpdateOwnStatus or Permission.ViewAudit) => true,
            (Role.Agent, Permission.HandleConversations or Permission.UpdateOwnStatus) => true,
            _ => false,
        };

    /// <summary>Admins given the invite right may only bring in, or remove, agents.</summary>
    public static bool MayManageRole(this Membership member, Role target) =>
        member.Role == Role.Owner || (member.Role == Role.Admin && target == Role.Agent);
}
