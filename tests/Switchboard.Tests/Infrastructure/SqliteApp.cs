namespace Switchboard.Tests.Infrastructure;

/// <summary>The embedded default: a SQLite file of its own, deleted afterwards.</summary>
public class SqliteApp : SwitchboardApp
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"switchboard-test-{Guid.NewGuid():N}.db");

    public override string Provider => "sqlite";

    protected override string ConnectionString => $"Data Source={_file}";

    protected override Task DropDatabaseAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(_file + suffix);
        return Task.CompletedTask;
    }
}
