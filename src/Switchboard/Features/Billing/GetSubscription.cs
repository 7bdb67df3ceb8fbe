using Switchboard.Faces;
using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Faces.Pipeback;
using Switchboard.Tenancy;

namespace Switchboard.Features.Billing;

/// <summary>GET /app/subscription: plan, seats in use and the latest seat-ledger entries (owner only: it is billing).</summary>
public static class GetSubscription
{
    public const int LedgerLimit = 100;

    public static async Task<IResult> HandleAsync(HttpContext http, SwitchboardDb db, TimeProvider time)
    {
        var caller = http.Caller();
        if (!caller.May(Permission.ManageWorkspace))
            return Answer.Refuse(Failure.OwnerOnly("Only the workspace owner can see the subscription."));
        var usage = await SeatUsage.MeasureAsync(db, caller.WorkspaceId, time.Now());
        var latest = await db.SeatLedger.AsNoTracking()
            .Where(e => e.WorkspaceId == caller.WorkspaceId)
            .OrderByDescending(e => e.Id)
            .Take(LedgerLimit)
            .ToListAsync();
        // Oldest first: a ledger reads top to bottom.
        var ledger = latest.OrderBy(e => e.Id).Select(LedgerEntryView.From).ToList();
        return Answer.Value(new SubscriptionView(caller.Workspace.Plan.Wire(),
            new SeatCounts(usage.FullSeats, usage.LiteSeats), ledger));
    }
}
