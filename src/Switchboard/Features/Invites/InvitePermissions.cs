namespace Switchboard.Features.Invites;

/// <summary>
/// The refusals of the invite routes, worded once: creating (one invite, bulk, a link) and managing (list,
/// resend, revoke).
/// </summary>
public static class InvitePermissions
{
    public const string MayNotInvite = "You are not allowed to invite members to this workspace.";
    public const string AdminsInviteAgentsOnly = "Admins can only invite agents.";
    public const string NotAllowed = "You are not allowed to manage invites of this workspace.";
    public const string AgentsOnly = "Admins can only manage invites of agents.";
}
