using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Data;
using Switchboard.Domain;

namespace Switchboard.Features.Invites;

/// <summary>
/// Once a day (Invites:SweepIntervalHours, on the app's TimeProvider) pending invites past their expiry are
/// marked expired — never deleted: they stay listed (?status=expired) and can be resent. Nothing depends on
/// the sweep for correctness: every read applies the expiry itself; the sweep keeps the stored status honest
/// for reports and frees the address on the unique index of pending invites. Idempotent, so every node may run it.
/// </summary>
public sealed class InviteExpirySweep(IServiceScopeFactory scopes, TimeProvider time, IOptions<InviteOptions> options,
    ILogger<InviteExpirySweep> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        var interval = TimeSpan.FromHours(Math.Max(0.01, options.Value.SweepIntervalHours));
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stopping))
        {
            try
            {
                await SweepAsync();
            }
            catch (Exception error) when (!stopping.IsCancellationRequested)
            {
                log.LogWarning(error, "Invite expiry sweep failed; retrying next tick");
            }
        }
    }

    /// <summary>Marks every overdue pending invite expired; returns how many.</summary>
    public async Task<int> SweepAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SwitchboardDb>();
        var now = time.Now();
        return await db.Invites.Where(i => i.Status == InviteStatus.Pending && i.ExpiresAt <= now)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.Status, InviteStatus.Expired).SetProperty(i => i.UpdatedAt, now));
    }
}
