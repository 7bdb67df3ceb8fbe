namespace Switchboard.Tests.Infrastructure;

/// <summary>Two instances of the service on one PostgreSQL database, as two nodes behind a load balancer.</summary>
public sealed class TwoNodes : IAsyncLifetime
{
    public PostgresApp First { get; } = new();
    public SwitchboardApp Second { get; private set; } = null!;

    private sealed class SecondNode(string database) : PostgresApp(database, ownsDatabase: false);

    public ValueTask InitializeAsync()
    {
        // The first node migrates the database before the second starts.
        _ = First.Server;
        Second = new SecondNode(First.Database);
        _ = Second.Server;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await Second.DisposeAsync();
        await First.DisposeAsync();
    }
}
