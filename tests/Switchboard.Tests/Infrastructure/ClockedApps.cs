using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Switchboard.Tests.Infrastructure;

/// <summary>
/// The service on a clock that stands still until the test advances it: "now" and every timer of the app
/// (the reassignment sweep's and presence's grace among them) follow the <see cref="FakeTimeProvider"/>.
/// </summary>
public interface IClockedApp
{
    FakeTimeProvider Time { get; }

    /// <summary>
    /// Records events after every handler of the app has seen them (it is registered last, and handlers run
    /// in turn): an event here means its consequences have happened, or never will.
    /// </summary>
    RecordingEvents Finally { get; }
}

internal static class Clocked
{
    public static void Configure(IWebHostBuilder builder, IClockedApp app) =>
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(app.Time);
            services.AddSingleton<Switchboard.Domain.IDomainEventHandler>(app.Finally);
        });
}

public sealed class ClockedSqliteApp : SqliteApp, IClockedApp
{
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public RecordingEvents Finally { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Clocked.Configure(builder, this);
    }
}

public sealed class ClockedPostgresApp : PostgresApp, IClockedApp
{
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public RecordingEvents Finally { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Clocked.Configure(builder, this);
    }
}
