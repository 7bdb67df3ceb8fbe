using Microsoft.EntityFrameworkCore;
using Switchboard.Auth;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Faces;
using Switchboard.Faces.PingBack;
using Switchboard.Features.Team;

namespace Switchboard.Features.Workspaces;

/// <summary>POST /api/v1/auth/business/create: the caller becomes owner of a new workspace on the Free plan.</summary>
public static class CreateBusiness
{
    public sealed record Request(string Name, string? Website, string? Industry, string? TeamSize, string? Goal);

    private const int HandleAttempts = 5;

    public static async Task<IResult> HandleAsync(HttpContext http, SwitchboardDb db, TimeProvider time, IDomainEvents events)
    {
        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return Answer.Invalid([error]);
        var input = new Input(body);
        var name = input.Name("name", max: 255);
        var website = input.Url("website");
        var industry = input.String("industry");
        var teamSize = input.String("team_size", max: 64);
        var goal = input.String("goal", max: 1000);
        if (!input.IsValid) return Answer.Invalid(input.Errors);

        var userId = http.User.UserId();
        var now = time.Now();
        var handle = Handles.Slug(name!);
        if (await db.Workspaces.AnyAsync(w => w.Handle == handle)) handle = Handles.WithSuffix(handle);

        var workspace = new Workspace
        {
            Name = name!, Handle = handle, Website = website, Industry = industry, TeamSize = teamSize, Goal = goal,
            Plan = Plan.Free, OwnerUserId = userId, CreatedAt = now,
        };
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Workspaces.Add(workspace);
        db.Teams.Add(new Domain.Team { WorkspaceId = workspace.Id, Name = "Everyone", IsDefault = true, CreatedAt = now });
        for (var attempt = 1; ; attempt++)
        {
            await transaction.CreateSavepointAsync("handle");
            try
            {
                await db.SaveChangesAsync();
                break;
            }
            catch (DbUpdateException) when (attempt < HandleAttempts)
            {
                await transaction.RollbackToSavepointAsync("handle");
                if (!await db.Workspaces.AsNoTracking().AnyAsync(w => w.Handle == workspace.Handle)) throw;
                // Another workspace took the handle between the check and the insert (parallel creations of
                // one name, by anyone): try again with a suffixed one.
                workspace.Handle = Handles.WithSuffix(Handles.Slug(name!));
            }
        }
        var owner = await MemberEnrollment.EnrollAsync(db, now, workspace, userId, Role.Owner, Seat.Full, userId, "workspace_created");
        if (!owner.Succeeded) return Answer.Refuse(owner.Failure);
        owner.Value.Status = AgentStatus.Live;
        AuditLog.Record(db, now, workspace.Id, userId, "workspace.created", "workspace", workspace.Id, new { name });
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        await events.PublishAsync(new WorkspaceCreated(workspace.Id, userId));
        return Answer.Value(WorkspaceView.From(workspace), 201);
    }
}
