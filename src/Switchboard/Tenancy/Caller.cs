using Switchboard.Domain;

namespace Switchboard.Tenancy;

/// <summary>The signed-in user acting inside one workspace, resolved once per request by <see cref="CallerFilter"/>.</summary>
/// <param name="LacksRequiredSecondFactor">
/// The workspace's two-factor policy covers this member and they have no second factor. Read with the caller and
/// cached with it (so a warm request asks nothing more); <see cref="CallerResolver"/> refuses such a caller.
/// </param>
public sealed record Caller(Guid UserId, Membership Member, Workspace Workspace, bool LacksRequiredSecondFactor = false)
{
    public Guid WorkspaceId => Workspace.Id;

    public bool May(Permission permission) => Member.Allows(permission, Workspace);

    internal const string ItemKey = "switchboard.caller";
}

public static class CallerAccess
{
    /// <summary>The caller a <see cref="CallerFilter"/> resolved for this request.</summary>
    public static Caller Caller(this HttpContext context) =>
        context.Items[Tenancy.Caller.ItemKey] as Caller
        ?? throw new InvalidOperationException("This route's group does not RequireCaller().");
}
