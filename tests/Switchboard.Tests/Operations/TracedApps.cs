using System.Collections.ObjectModel;
using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Operations;

/// <summary>
/// The in-memory exporter's list, made safe to read while the exporter adds to it from the request's thread.
/// Every app in the test process shares the static ActivitySources, so a test picks its own spans by trace id.
/// </summary>
public sealed class SpanList : Collection<Activity>
{
    protected override void InsertItem(int index, Activity item)
    {
        lock (this) base.InsertItem(index, item);
    }

    public List<Activity> Snapshot()
    {
        lock (this) return [.. this];
    }
}

internal static class Tracing
{
    public static readonly KeyValuePair<string, string?>[] Settings = [new("OpenTelemetry:Tracing", "true")];

    public static void AddInMemorySpans(IWebHostBuilder builder, SpanList spans) =>
        builder.ConfigureServices(services => services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans)));
}

/// <summary>Tracing on (OpenTelemetry:Tracing=true, no OTLP), every finished span kept in <see cref="Spans"/>.</summary>
public sealed class TracedSqliteApp : SqliteApp
{
    public SpanList Spans { get; } = [];

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => Tracing.Settings;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Tracing.AddInMemorySpans(builder, Spans);
    }
}

public sealed class TracedPostgresApp : PostgresApp
{
    public SpanList Spans { get; } = [];

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => Tracing.Settings;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Tracing.AddInMemorySpans(builder, Spans);
    }
}
