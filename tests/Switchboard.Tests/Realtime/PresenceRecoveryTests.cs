using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Switchboard.Domain;
using Switchboard.Realtime;
using Switchboard.Tests.Email;

namespace Switchboard.Tests.Realtime;

/// <summary>
/// Presence and connection state recovery: a socket cut for a transport reason may come back recovered within the
/// recovery window, so presence waits for the longer of the grace and the window before reporting the member gone;
/// a deliberate disconnect waits the grace only. On a fake clock; the report is captured, not raised to the team.
/// </summary>
public sealed class PresenceRecoveryTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(120);

    private sealed class Captured : IDomainEvents
    {
        public ConcurrentQueue<IDomainEvent> Events { get; } = new();

        public Task PublishAsync(IDomainEvent domainEvent)
        {
            Events.Enqueue(domainEvent);
            return Task.CompletedTask;
        }
    }

    private static (Presence Presence, FakeTimeProvider Time, Captured Events) Create()
    {
        var events = new Captured();
        var services = new ServiceCollection().AddSingleton<IDomainEvents>(events).BuildServiceProvider();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = Microsoft.Extensions.Options.Options.Create(new RealtimeOptions { PresenceGraceSeconds = 60, RecoverySeconds = 120 });
        var presence = new Presence(services.GetRequiredService<IServiceScopeFactory>(), options, time, NullLogger<Presence>.Instance);
        return (presence, time, events);
    }

    [Fact]
    public async Task A_cut_socket_recovered_after_the_grace_but_within_the_window_never_makes_the_member_offline()
    {
        var (presence, time, events) = Create();
        var (workspace, user) = (Guid.NewGuid(), Guid.NewGuid());
        presence.Connected(workspace, user);
        presence.Disconnected(workspace, user, recoverable: true);
        time.Advance(Grace + TimeSpan.FromSeconds(30));
        presence.Connected(workspace, user); // recovered: OnConnection runs again for the restored socket
        // A control member who leaves for good now is reported when their grace ends, after the recovered member's
        // window would have: once the control's report is in, the clock has run past that window.
        var control = Control(presence);
        time.Advance(Window * 2);
        await ReportedAsync(events, control);
        events.Events.OfType<PresenceLost>().ShouldNotContain(e => e.UserId == user);
    }

    [Fact]
    public async Task A_cut_socket_that_does_not_come_back_is_reported_gone_when_the_window_ends_not_at_the_grace()
    {
        var (presence, time, events) = Create();
        var (workspace, user) = (Guid.NewGuid(), Guid.NewGuid());
        presence.Connected(workspace, user);
        presence.Disconnected(workspace, user, recoverable: true);
        time.Advance(Window - Grace - TimeSpan.FromMilliseconds(1));
        // The control's grace ends one millisecond before the window: when it is reported, the window has not ended.
        var control = Control(presence);
        time.Advance(Grace);
        await ReportedAsync(events, control);
        events.Events.OfType<PresenceLost>().ShouldNotContain(e => e.UserId == user);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await Polling.ForAsync(() => events.Events.OfType<PresenceLost>().FirstOrDefault(), "presence to report the member gone");
    }

    /// <summary>Another member, connected and gone at once by choice: reported when the grace has passed.</summary>
    private static Guid Control(Presence presence)
    {
        var (workspace, user) = (Guid.NewGuid(), Guid.NewGuid());
        presence.Connected(workspace, user);
        presence.Disconnected(workspace, user, recoverable: false);
        return user;
    }

    private static Task ReportedAsync(Captured events, Guid user) =>
        Polling.ForAsync(() => events.Events.OfType<PresenceLost>().FirstOrDefault(e => e.UserId == user), "the control member to be reported gone");

    [Fact]
    public async Task A_deliberate_disconnect_is_reported_after_the_grace()
    {
        var (presence, time, events) = Create();
        var (workspace, user) = (Guid.NewGuid(), Guid.NewGuid());
        presence.Connected(workspace, user);
        presence.Disconnected(workspace, user, recoverable: false);
        time.Advance(Grace);
        await Polling.ForAsync(() => events.Events.OfType<PresenceLost>().FirstOrDefault(), "presence to report the member gone");
    }
}
