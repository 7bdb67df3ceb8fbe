using Microsoft.Extensions.Logging.Console;
using Npgsql;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Switchboard.Domain;

namespace Switchboard.Operations;

/// <summary>
/// What an operator sees and relies on: metrics on /metrics (Prometheus text), traces (OpenTelemetry, exported by
/// OTLP when an endpoint is configured), one-line JSON logs (<c>Logging:Format=json</c>), /readyz and a bounded,
/// draining shutdown. docs/operations.md describes each setting, metric and alert.
/// </summary>
public static class OperationsSetup
{
    /// <summary>Paths whose requests are not traced: probes and scrapes every few seconds, and Socket.IO's long polls (25 s spans that say nothing).</summary>
    private static readonly string[] Untraced = ["/metrics", "/healthz", "/readyz", "/socket.io"];

    public static WebApplicationBuilder AddSwitchboardOperations(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var services = builder.Services;

        // One JSON object per line, with the trace and span ids of the request (or job) that wrote it.
        var json = string.Equals(config["Logging:Format"], "json", StringComparison.OrdinalIgnoreCase);
        if (json)
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
            // ASP.NET Core's request scope puts the request's path on every line written during the request, and a
            // path can be a link secret (/app/invites/{id}, /invite/{id}): without that category there is no such
            // scope. Lines are still tied to their request by TraceId (below) and to their route by the endpoint's name.
            builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        }
        builder.Logging.Configure(o => o.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);

        services.Configure<HostOptions>(o =>
            o.ShutdownTimeout = TimeSpan.FromSeconds(Math.Max(1, config.GetValue("Shutdown:TimeoutSeconds", 30.0))));
        services.AddHostedService<ShutdownDrain>();
        services.AddSingleton<MetricsAccess>();
        services.AddSingleton<DatabaseGauges>();
        // Last of the handlers (registered after every other): counts what was published.
        services.AddSingleton<IDomainEventHandler, EventCounting>();

        var otlp = config["OpenTelemetry:OtlpEndpoint"] is { Length: > 0 } endpoint ? endpoint : config["OTEL_EXPORTER_OTLP_ENDPOINT"];
        var exportOtlp = !string.IsNullOrWhiteSpace(otlp);
        void Otlp(OtlpExporterOptions o)
        {
            // OTEL_EXPORTER_OTLP_* are read by the exporter itself; our own key only sets the endpoint.
            if (config["OpenTelemetry:OtlpEndpoint"] is { Length: > 0 } own) o.Endpoint = new Uri(own);
        }
        // Traces cost CPU on every request, so they run only when someone will read them (an OTLP endpoint), or
        // when asked (OpenTelemetry:Tracing=true, as the tests do with an in-memory exporter).
        var tracing = config.GetValue<bool?>("OpenTelemetry:Tracing") ?? exportOtlp;
        var postgres = string.Equals(config["Database:Provider"], "postgres", StringComparison.OrdinalIgnoreCase);
        var clustered = !string.IsNullOrWhiteSpace(config["Redis:Configuration"]);

        if (json && !tracing) services.AddHostedService<RequestTraceIds>();
        if (clustered) services.AddSingleton<RedisGauge>();

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("switchboard", serviceInstanceId: config["Cluster:NodeId"] is { Length: > 0 } node ? node : null))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddMeter(Telemetry.Name)
                    // The runtime's own meter (.NET 9+): GC, thread pool, exceptions, without another package.
                    .AddMeter("System.Runtime")
                    .AddPrometheusExporter();
                if (exportOtlp) metrics.AddOtlpExporter(Otlp);
            });
        if (tracing)
            telemetry.WithTracing(traces =>
            {
                traces.AddSource(Telemetry.Name)
                    .AddAspNetCoreInstrumentation(o => o.Filter = http =>
                        !Array.Exists(Untraced, path => http.Request.Path.StartsWithSegments(path)))
                    .AddHttpClientInstrumentation();
                // One span per statement: Npgsql's own on PostgreSQL (with its wait and its command), EF Core's on
                // SQLite — not both, which would show every query twice.
                if (postgres) traces.AddNpgsql();
                else traces.AddEntityFrameworkCoreInstrumentation();
                if (clustered) traces.AddRedisInstrumentation();
                if (exportOtlp) traces.AddOtlpExporter(Otlp);
            });
        return builder;
    }

    /// <summary>/metrics (guarded by <see cref="MetricsAccess"/>) and /readyz.</summary>
    public static WebApplication MapSwitchboardOperations(this WebApplication app)
    {
        app.Services.GetRequiredService<DatabaseGauges>();
        app.Services.GetService<RedisGauge>();
        var access = app.Services.GetRequiredService<MetricsAccess>();
        app.MapPrometheusScrapingEndpoint("/metrics", meterProvider: null, configureBranchedPipeline: access.Guard, optionsName: null);
        app.MapGet("/readyz", Readiness.AnswerAsync).ExcludeFromDescription();
        return app;
    }
}
