using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;

namespace Switchboard.Operations;

/// <summary>
/// Gauges read from the database when Prometheus scrapes, not kept up to date on every write: the outbox's depth
/// and the age of its oldest unsent mail (through the outbox's (sent_at, next_attempt_at) index), and the
/// routing queue's length (open, unassigned conversations). One sample serves every gauge and every scraper for
/// <see cref="SampleLifetime"/>, so several Prometheus servers or a short scrape interval cost one set of queries.
/// A database that does not answer yields no sample (the series go stale) rather than a failed scrape.
/// </summary>
public sealed class DatabaseGauges : IDisposable
{
    private static readonly TimeSpan SampleLifetime = TimeSpan.FromSeconds(5);
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;
    private readonly ILogger<DatabaseGauges> _log;
    private readonly Meter _meter;
    private readonly Lock _gate = new();
    private Sample? _sample;
    private DateTimeOffset _sampledAt;

    private sealed record Sample(long OutboxDepth, double OldestAgeSeconds, long QueueLength);

    public DatabaseGauges(IMeterFactory meters, IServiceScopeFactory scopes, TimeProvider time, ILogger<DatabaseGauges> log)
    {
        _scopes = scopes;
        _time = time;
        _log = log;
        // The host's factory, so the callbacks go away with the host (tests start many in one process).
        _meter = meters.Create(Telemetry.Name);
        _meter.CreateObservableGauge("switchboard.outbox.depth", () => Read(s => (double)s.OutboxDepth), "{mail}",
            "Mails in the outbox not sent yet (waiting, retrying or claimed)");
        _meter.CreateObservableGauge("switchboard.outbox.oldest_age", () => Read(s => s.OldestAgeSeconds), "s",
            "Age of the oldest mail not sent yet; 0 when the outbox is empty");
        _meter.CreateObservableGauge("switchboard.routing.queue_length", () => Read(s => (double)s.QueueLength), "{conversation}",
            "Open conversations nobody is assigned to, in every workspace");
    }

    private IEnumerable<Measurement<double>> Read(Func<Sample, double> pick)
    {
        var sample = Current();
        return sample is null ? [] : [new Measurement<double>(pick(sample))];
    }

    private Sample? Current()
    {
        // Scrapes are rare and each gauge asks in turn: a lock keeps three callbacks to one set of queries.
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (_sample is not null && now - _sampledAt < SampleLifetime) return _sample;
            try
            {
                // The scrape's own queries are not the service's work: no spans for them.
                using var quiet = OpenTelemetry.SuppressInstrumentationScope.Begin();
                using var scope = _scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<SwitchboardDb>();
                var unsent = db.Outbox.AsNoTracking().Where(m => m.SentAt == null);
                var depth = unsent.LongCount();
                var oldest = depth == 0 ? (DateTime?)null : unsent.Min(m => (DateTime?)m.CreatedAt);
                var queue = db.Conversations.AsNoTracking()
                    .LongCount(c => c.Status == ConversationStatus.Open && c.AssigneeUserId == null);
                var age = oldest is { } created ? Math.Max(0, (now.UtcDateTime - created).TotalSeconds) : 0;
                _sample = new Sample(depth, age, queue);
                _sampledAt = now;
            }
            catch (Exception error)
            {
                _log.LogWarning("Database gauges not read: {Error}", error.Message);
                _sample = null;
            }
            return _sample;
        }
    }

    public void Dispose() => _meter.Dispose();
}
