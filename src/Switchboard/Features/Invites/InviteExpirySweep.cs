using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Operations;

namespace Switchboard.Features.Invites;

/// <summary>
/// Once a day (Invites:SweepIntervalHours, on the app's TimeProvider) pending invites past their expiry are
/// marked expired — never deleted: they stay listed (?status=expired) and can be resent. Nothing depends on
/// the sweep for correctness: every read applies the expiry itself; the sweep keeps the stored status honest
/// for reports and frees the address on the unique index of pending invites. Idempotent, so every node may run it.
/// </summary>
public sealed class InviteExpirySweep(IServiceScopeFactory scopes, TimeProvider time, IOptions<InviteOptions> options,
    ILogger<InviteExpirySweep> log) : PeriodicSweep(time, log)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(Math.Max(0.01, options.Value.SweepIntervalHours));

    protected override Task RunOnceAsync() => SweepAsync();

    /// <summary>Marks every overdue pending invite expired; returns how many.</summary>
    public async Task<int> SweepAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SwitchboardDb>();
        var now = Time.Now();
        return await db.Invites.Where(i => i.Status == InviteStatus.Pending && i.ExpiresAt <= now)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.Status, InviteStatus.Expired).SetProperty(i => i.UpdatedAt, now));
    }
}
