using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Faces;
using Switchboard.Faces.PingBack;
using Switchboard.Tenancy;

namespace Switchboard.Features.Billing;

public static class BillingEndpoints
{
    /// <summary>
    /// Seats in use (full, lite), members suspended (holding none), and what could still be taken without
    /// anyone managing the team again: pending full-seat invites, and the uses left on live full-seat links.
    /// </summary>
    public sealed record Seats(int Full, int Lite, int Suspended, int PendingInvites, int InviteLinks);
    public sealed record View(string Plan, int AgentLimit, int AgentsUsed, Seats Seats);
    public sealed record PlanRequest(string Plan);

    public static Task<IResult> GetAsync(HttpContext http, SwitchboardDb db, TimeProvider time, WorkspaceCache cache)
    {
        var workspace = http.Caller().Workspace;
        return cache.JsonAsync(http, "billing", workspace.Id, async () => await ViewAsync(db, workspace, time.Now()));
    }

    /// <summary>PUT /api/v1/billing/plan: owner only; a downgrade below what the team already uses is refused.</summary>
    public static async Task<IResult> ChangePlanAsync(HttpContext http, SwitchboardDb db, IDomainEvents events, TimeProvider time)
    {
        var caller = http.Caller();
        if (!caller.May(Permission.ManageWorkspace)) return Answer.Refuse(Failure.OwnerOnly("Only the org owner can manage billing"));
        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return Answer.Invalid([error]);
        var input = new Input(body);
        var plan = input.Choice<Plan>("plan", input.String("plan", required: true, max: 16));
        if (!input.IsValid) return Answer.Invalid(input.Errors);

        var now = time.Now();
        await using var work = await WorkspaceWork.BeginAsync(db, events, caller);
        if (work is null) return Answer.Refuse(Failure.NotFound("Workspace not found"));
        var workspace = work.Workspace;
        var usage = await SeatUsage.MeasureAsync(db, workspace.Id, now);
        if (usage.PlanSeatsUsed > plan!.Value.ExtraFullSeats())
            return Answer.Refuse(Failure.Invalid($"Cannot change to the {plan.Value.Wire()} plan: it allows {plan.Value.ExtraFullSeats()} agents and {usage.PlanSeatsUsed} are in use"));
        if (workspace.Plan != plan)
        {
            AuditLog.Record(db, now, workspace.Id, caller.UserId, "plan.changed", "workspace", workspace.Id,
                new { from = workspace.Plan.Wire(), to = plan.Value.Wire() });
            // The lock's copy is not tracked: attach it so the change is saved.
            db.Workspaces.Attach(workspace);
            workspace.Plan = plan.Value;
        }
        work.Raise(new WorkspaceUpdated(workspace.Id));
        await work.CommitAsync();
        return Answer.Value(await ViewAsync(db, workspace, now));
    }

    private static async Task<View> ViewAsync(SwitchboardDb db, Workspace workspace, DateTime now)
    {
        var usage = await SeatUsage.MeasureAsync(db, workspace.Id, now);
        var links = await db.InviteLinks.AsNoTracking()
            .Where(l => l.WorkspaceId == workspace.Id && l.RevokedAt == null && l.ExpiresAt > now && l.Uses < l.MaxUses
                && l.Seat == Seat.Full && l.Role != Role.Owner)
            .SumAsync(l => l.MaxUses - l.Uses);
        return new View(workspace.Plan.Wire(), workspace.Plan.ExtraFullSeats(), usage.PlanSeatsUsed,
            new Seats(usage.FullSeats, usage.LiteSeats, usage.Suspended, usage.PendingFullInvites, links));
    }
}
