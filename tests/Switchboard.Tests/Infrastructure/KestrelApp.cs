namespace Switchboard.Tests.Infrastructure;

/// <summary>The service behind a real Kestrel listener on a loopback port: real HTTP parsing, limits and headers.</summary>
public class KestrelSqliteApp : SqliteApp
{
    public Uri Address { get; private set; } = null!;

    public override ValueTask InitializeAsync()
    {
        UseKestrel(0);
        StartServer();
        Address = ClientOptions.BaseAddress;
        return ValueTask.CompletedTask;
    }
}

/// <summary>The same on PostgreSQL.</summary>
public class KestrelPostgresApp : PostgresApp
{
    public Uri Address { get; private set; } = null!;

    public override ValueTask InitializeAsync()
    {
        UseKestrel(0);
        StartServer();
        Address = ClientOptions.BaseAddress;
        return ValueTask.CompletedTask;
    }
}
