using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Email;

namespace Switchboard.Features.Accounts;

/// <summary>
/// The addresses someone asked a reset link for, handled after the answer was sent: the answer of
/// <c>POST /api/v1/auth/password/forgot</c> must not tell, by its body or by its time, whether the address has an
/// account, and looking it up, counting its links and committing a mail take measurably longer than not. A request
/// still queued when the process stops is lost; the person asks again (the page says the link takes a minute).
/// </summary>
public sealed class PasswordResetRequests
{
    private readonly Channel<string> _queue = Channel.CreateBounded<string>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private int _unfinished;

    /// <summary>False when the queue is full (a flood): the request is dropped, the answer stays the same.</summary>
    public bool Enqueue(string normalizedEmail)
    {
        Interlocked.Increment(ref _unfinished);
        if (_queue.Writer.TryWrite(normalizedEmail)) return true;
        Interlocked.Decrement(ref _unfinished);
        return false;
    }

    /// <summary>Nothing queued or being handled (tests wait for it rather than for a time).</summary>
    public bool Idle => Volatile.Read(ref _unfinished) == 0;

    internal ChannelReader<string> Reader => _queue.Reader;

    internal void Finished() => Interlocked.Decrement(ref _unfinished);
}

/// <summary>Turns each queued address into a link and its mail, when an account uses it and its hourly budget allows.</summary>
public sealed class PasswordResetMailer(PasswordResetRequests requests, IServiceScopeFactory scopes, TimeProvider time,
    ILogger<PasswordResetMailer> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        try
        {
            await foreach (var normalized in requests.Reader.ReadAllAsync(stopping))
            {
                try
                {
                    await HandleAsync(normalized);
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    log.LogWarning(error, "A password reset request could not be handled");
                }
                finally
                {
                    requests.Finished();
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task HandleAsync(string normalized)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SwitchboardDb>();
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedEmail == normalized);
        if (user is null) return;
        if (!await scope.ServiceProvider.GetRequiredService<PasswordResets>().QueueAsync(user, time.Now()))
            return;
        await db.SaveChangesAsync();
        scope.ServiceProvider.GetRequiredService<OutboxWriter>().Wake();
    }
}
