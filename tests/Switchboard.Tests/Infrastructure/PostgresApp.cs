using Npgsql;

namespace Switchboard.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL server (scripts/test starts one and sets SWITCHBOARD_TEST_PG); each fixture gets a
/// fresh database of its own. Without the variable these tests fail rather than pass unseen.
/// </summary>
public class PostgresApp : SwitchboardApp
{
    private readonly string _database;
    private readonly bool _ownsDatabase;

    public PostgresApp() : this($"switchboard_test_{Guid.NewGuid():N}", ownsDatabase: true)
    {
    }

    /// <summary>Another node on a database some other app created (and will drop).</summary>
    protected PostgresApp(string database, bool ownsDatabase)
    {
        _database = database;
        _ownsDatabase = ownsDatabase;
    }

    public string Database => _database;

    public override string Provider => "postgres";

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("SWITCHBOARD_TEST_PG")
        ?? throw new InvalidOperationException(
            "SWITCHBOARD_TEST_PG is not set: run the tests through scripts/test, which starts PostgreSQL.");

    protected override string ConnectionString =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = _database, MaxPoolSize = 100 }.ToString();

    protected override async Task DropDatabaseAsync()
    {
        if (!_ownsDatabase) return;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
