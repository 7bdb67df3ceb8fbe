using Microsoft.Extensions.Logging;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Faces;
using Switchboard.Tenancy;

namespace Switchboard.Features.Workspaces;

/// <summary>
/// DELETE /api/v1/business {name} → 204: the owner deletes the workspace they act in, typing its exact name as the
/// confirmation (a slip of the header or a replayed request cannot delete the wrong one). Members, invites, links,
/// routing, conversations, the audit trail and the ledger of that workspace end; its live sockets are closed after
/// the commit (<see cref="WorkspaceDeleted"/>). The members' accounts and their other workspaces stay as they are.
/// </summary>
public static class DeleteWorkspace
{
    public sealed record Request(string Name);

    public const string OwnerOnly = "Only the org owner can delete the business";
    public const string NameDiffers = "Type the business's exact name to confirm its deletion.";

    public static async Task<IResult> HandleAsync(HttpContext http, SwitchboardDb db, IDomainEvents events,
        ILoggerFactory logs)
    {
        var caller = http.Caller();
        if (!caller.Member.IsOwner) return Answer.Refuse(Failure.OwnerOnly(OwnerOnly));
        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return Answer.Invalid([error]);
        var input = new Input(body);
        var name = input.String("name", required: true, max: 255, min: 1);
        if (!input.IsValid) return Answer.Invalid(input.Errors);

        await using var work = await WorkspaceWork.BeginAsync(db, events, caller);
        if (work is null) return Answer.Refuse(Failure.NotFound("Business not found"));
        // Compared with the name as it is under the lock, exactly: a rename meanwhile asks for the new name.
        if (!string.Equals(name, work.Workspace.Name, StringComparison.Ordinal))
            return Answer.Refuse(Failure.Invalid(NameDiffers, "name"));
        if (work.Workspace.OwnerUserId != caller.UserId) return Answer.Refuse(Failure.OwnerOnly(OwnerOnly));
        await WorkspaceErasure.EraseInWorkAsync(db, work);
        await work.CommitAsync();
        // The workspace's own audit trail went with it; the log keeps who deleted what.
        logs.CreateLogger(typeof(DeleteWorkspace)).LogInformation("Workspace {WorkspaceId} deleted by its owner {UserId}",
            caller.WorkspaceId, caller.UserId);
        return Answer.NoContent();
    }
}
