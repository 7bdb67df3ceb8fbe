namespace Switchboard.Features.Invites;

/// <summary>The refusals of the invite-managing routes, worded once for list, resend and revoke.</summary>
public static class InvitePermissions
{
    public const string NotAllowed = "You are not allowed to manage invites of this workspace.";
    public const string AgentsOnly = "Admins can only manage invites of agents.";
}
