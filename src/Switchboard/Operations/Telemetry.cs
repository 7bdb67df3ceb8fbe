using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Switchboard.Operations;

/// <summary>
/// Switchboard's own traces and metrics: one <see cref="ActivitySource"/> and one <see cref="Meter"/>, both named
/// "Switchboard" (docs/operations.md lists every instrument). Static, so any layer can count without a
/// dependency to inject, and cheap when nobody listens: <c>StartActivity</c> returns null and an instrument
/// without a listener returns at once, so the hot read paths pay nothing measurable. Only ids travel as tags —
/// a workspace id, a mail's kind — never an address, a name, a token or a link secret.
/// </summary>
public static class Telemetry
{
    public const string Name = "Switchboard";

    /// <summary>The span attribute every use case carries (a workspace id, never anything a person typed).</summary>
    public const string WorkspaceTag = "switchboard.workspace_id";

    public static readonly ActivitySource Source = new(Name);
    public static readonly Meter Meter = new(Name);

    public static readonly UpDownCounter<long> SocketsConnected = Meter.CreateUpDownCounter<long>(
        "switchboard.sockets.connected", "{socket}", "Socket.IO sockets connected to this node");
    public static readonly Counter<long> SocketRecoveries = Meter.CreateCounter<long>(
        "switchboard.sockets.recovery", "{socket}", "Reconnections that asked for connection state recovery, by result (hit, miss)");
    public static readonly Counter<long> EventsPublished = Meter.CreateCounter<long>(
        "switchboard.events.published", "{event}", "Domain events published after their commit, by type");
    public static readonly Counter<long> MailSent = Meter.CreateCounter<long>(
        "switchboard.mail.sent", "{mail}", "Mails handed to the transport, by kind");
    public static readonly Counter<long> MailFailed = Meter.CreateCounter<long>(
        "switchboard.mail.failed", "{mail}", "Mail attempts that failed and were scheduled again, by kind");
    public static readonly Counter<long> InvitesCreated = Meter.CreateCounter<long>(
        "switchboard.invites.created", "{invite}", "Pending email invites created (single and bulk)");
    public static readonly Counter<long> InvitesAccepted = Meter.CreateCounter<long>(
        "switchboard.invites.accepted", "{invite}", "Invites that became memberships (accept and join)");
    public static readonly Counter<long> RoutingDecisions = Meter.CreateCounter<long>(
        "switchboard.routing.decisions", "{conversation}", "Conversations assigned by auto routing, by kind (queue, reassign)");
    public static readonly Histogram<double> QueueWait = Meter.CreateHistogram<double>(
        "switchboard.routing.queue_wait", "s", "How long a conversation waited in the queue before routing assigned it");
    public static readonly Histogram<double> LockWait = Meter.CreateHistogram<double>(
        "switchboard.workspace_lock.wait", "s", "Time to take a workspace's lock (exclusive or shared)");
    public static readonly Histogram<int> AssignmentBatchSize = Meter.CreateHistogram<int>(
        "switchboard.assignments.batch_size", "{assignment}", "Manual assignments committed together (1: on its own)");
    public static readonly Counter<long> CacheHits = Meter.CreateCounter<long>(
        "switchboard.cache.hits", "{read}", "Reads served from the per-workspace cache");
    public static readonly Counter<long> CacheMisses = Meter.CreateCounter<long>(
        "switchboard.cache.misses", "{read}", "Reads the per-workspace cache could not serve");
    public static readonly Counter<long> CacheInvalidations = Meter.CreateCounter<long>(
        "switchboard.cache.invalidations", "{change}", "Changes that voided cached reads, by scope (access, data)");
    public static readonly Counter<long> RateLimitRefusals = Meter.CreateCounter<long>(
        "switchboard.rate_limit.refusals", "{request}", "Requests answered 429");

    private static readonly ConcurrentDictionary<(string File, string Member), string> SpanNames = new();

    /// <summary>
    /// A span for one use case in <paramref name="workspaceId"/>, named after the code that asked
    /// ("ChangeMember.ChangeAsync"); null (and no work at all) when no tracer listens.
    /// </summary>
    public static Activity? StartUseCase(Guid workspaceId, string callerFile, string callerMember)
    {
        if (!Source.HasListeners()) return null;
        var name = SpanNames.GetOrAdd((callerFile, callerMember),
            key => $"{Path.GetFileNameWithoutExtension(key.File)}.{key.Member}");
        return StartUseCase(name, workspaceId);
    }

    /// <summary>A span named <paramref name="name"/> carrying <paramref name="workspaceId"/>.</summary>
    public static Activity? StartUseCase(string name, Guid? workspaceId)
    {
        var activity = Source.StartActivity(name);
        if (activity is { IsAllDataRequested: true } && workspaceId is { } id)
            activity.SetTag(WorkspaceTag, id.ToString());
        return activity;
    }

    /// <summary>Seconds since a <see cref="Stopwatch.GetTimestamp"/> reading.</summary>
    public static double SecondsSince(long timestamp) => Stopwatch.GetElapsedTime(timestamp).TotalSeconds;
}
