using Microsoft.Extensions.Options;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Email.Transports;
using Switchboard.Operations;

namespace Switchboard.Email;

/// <summary>
/// The only place mail leaves the service: claims due outbox rows, sends them, marks them sent or
/// schedules a retry with backoff. Runs every PollIntervalMs and whenever a request wakes it.
/// </summary>
public sealed class MailDispatcher(
    IServiceScopeFactory scopes,
    IMailTransport transport,
    OutboxSignal signal,
    IOptions<EmailOptions> options,
    TimeProvider time,
    ILogger<MailDispatcher> log) : BackgroundService
{
    private readonly EmailOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        if (!_options.DispatcherEnabled)
        {
            log.LogInformation("Mail dispatcher disabled (Email:DispatcherEnabled=false); mail stays in the outbox");
            return;
        }
        var poll = TimeSpan.FromMilliseconds(Math.Max(10, _options.PollIntervalMs));
        while (!stopping.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await DispatchDueAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                // A database hiccup must not end the loop; the rows stay due and are picked up next round.
                log.LogError(error, "Mail dispatch round failed");
            }
            // A full batch means more may be waiting: go again at once.
            if (claimed < _options.BatchSize)
            {
                try
                {
                    await signal.WaitAsync(poll, stopping);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One round: claim, send, record. Returns how many rows it claimed.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancel)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SwitchboardDb>();
        var claimedAt = time.Now();
        var batch = await OutboxClaims.ClaimAsync(db, claimedAt, TimeSpan.FromSeconds(_options.ClaimSeconds),
            Math.Max(1, _options.BatchSize), cancel);
        // A send may take up to the SMTP timeout; once the claim could lapse before one more send ends,
        // another dispatcher may take the row, so the rest of the batch is left to lapse and be reclaimed.
        var lastSafeStart = claimedAt + TimeSpan.FromSeconds(_options.ClaimSeconds) - TimeSpan.FromMilliseconds(_options.Smtp.TimeoutMs) * 1.5;
        foreach (var row in batch)
        {
            if (time.Now() > lastSafeStart) break;
            await SendOneAsync(db, row, cancel);
        }
        return batch.Count;
    }

    private async Task SendOneAsync(SwitchboardDb db, OutboxMessage row, CancellationToken cancel)
    {
        // One span per mail, not per polling round (most rounds find nothing): its kind and workspace, never its address.
        using var span = Telemetry.StartUseCase("MailDispatcher.Send", row.WorkspaceId);
        span?.SetTag("switchboard.mail.kind", row.Kind);
        span?.SetTag("switchboard.mail.attempt", row.Attempts);
        var kind = new KeyValuePair<string, object?>("kind", row.Kind);
        try
        {
            await transport.SendAsync(MailMessageBuilder.Build(row, _options.From), cancel);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancel.IsCancellationRequested)
        {
            Telemetry.MailFailed.Add(1, kind);
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, error.GetType().Name);
            var wait = RetrySchedule.After(row.Attempts, _options.RetryBaseMs, _options.RetryMaxMs);
            log.LogWarning("Mail {MessageId} ({Kind}) not sent on attempt {Attempt}, retry in {Wait}: {Error}",
                row.MessageId, row.Kind, row.Attempts, wait, error.Message);
            await OutboxClaims.MarkFailedAsync(db, row, time.Now() + wait, $"{error.GetType().Name}: {error.Message}",
                CancellationToken.None);
            return;
        }
        // Recorded even if shutdown began after the send: the mail went out, it must not go again.
        Telemetry.MailSent.Add(1, kind);
        await OutboxClaims.MarkSentAsync(db, row, time.Now(), CancellationToken.None);
        log.LogInformation("Mail {MessageId} ({Kind}) sent", row.MessageId, row.Kind);
    }
}
