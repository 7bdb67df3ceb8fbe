using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Switchboard.Data;

/// <summary>Database:Provider chooses SQLite (the embedded default, a file under ./data) or PostgreSQL.</summary>
public static class DatabaseSetup
{
    public const string DefaultSqlite = "Data Source=data/switchboard.db";

    // Pooled contexts: a request reuses a reset DbContext instead of building one (the contexts hold no state of their own).
    // Interceptors registered as IInterceptor (the read cache's: Tenancy/CacheInvalidationInterceptor) see every context.
    public static IServiceCollection AddSwitchboardDatabase(this IServiceCollection services, IConfiguration config)
    {
        var provider = (config["Database:Provider"] ?? "sqlite").Trim().ToLowerInvariant();
        var connection = config.GetConnectionString("Switchboard");
        switch (provider)
        {
            case "sqlite":
                connection = PrepareSqlite(string.IsNullOrWhiteSpace(connection) ? DefaultSqlite : connection);
                services.AddDbContextPool<SqliteSwitchboardDb>((sp, o) => o.UseSqlite(connection).AddInterceptors(sp.GetServices<IInterceptor>()));
                services.AddScoped<SwitchboardDb>(sp => sp.GetRequiredService<SqliteSwitchboardDb>());
                break;
            case "postgres" or "postgresql":
                if (string.IsNullOrWhiteSpace(connection))
                    throw new InvalidOperationException(
                        "Database:Provider=postgres needs ConnectionStrings:Switchboard (env ConnectionStrings__Switchboard).");
                services.AddDbContextPool<PostgresSwitchboardDb>((sp, o) =>
                    o.UseNpgsql(PreparePostgres(connection)).AddInterceptors(sp.GetServices<IInterceptor>()));
                services.AddScoped<SwitchboardDb>(sp => sp.GetRequiredService<PostgresSwitchboardDb>());
                break;
            default:
                throw new InvalidOperationException($"Unknown Database:Provider '{provider}': use sqlite or postgres.");
        }
        services.AddHealthChecks().AddDbContextCheck<SwitchboardDb>("database");
        services.AddSingleton<Domain.ITransientFailures, DatabaseTransientFailures>();
        return services;
    }

    /// <summary>Creates or upgrades the schema at start; SQLite also switches to WAL so readers never wait on a writer.</summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services)
    {
        if (!Domain.EmailAddress.NormalizationWorks)
            throw new InvalidOperationException(
                "Unicode normalisation is unavailable (ICU missing or invariant globalization on): install libicu so look-alike email addresses can be told apart.");
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SwitchboardDb>();
        await db.Database.MigrateAsync();
        await EmailKeyUpgrade.RunAsync(db, scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(EmailKeyUpgrade)));
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
    }

    /// <summary>
    /// Statements prepared on the server after their second use (Npgsql's automatic preparation, off by default
    /// there; asyncpg, which PingBack's stack uses, prepares every statement): PostgreSQL then skips parsing and
    /// planning the few dozen statements the service runs all day. A connection string that sets
    /// <c>Max Auto Prepare</c> itself (0 turns it off, e.g. behind a pooler without prepared-statement support) wins.
    /// </summary>
    internal static string PreparePostgres(string connection)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connection };
        if (given.ContainsKey("Max Auto Prepare") || given.ContainsKey("MaxAutoPrepare")) return connection;
        return new Npgsql.NpgsqlConnectionStringBuilder(connection) { MaxAutoPrepare = 64 }.ConnectionString;
    }

    private static string PrepareSqlite(string connection)
    {
        var builder = new SqliteConnectionStringBuilder(connection);
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && !file.StartsWith("file:", StringComparison.Ordinal))
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(file));
            if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        }
        // Writers queue on the database lock instead of failing at once.
        if (builder.DefaultTimeout < 30) builder.DefaultTimeout = 30;
        return builder.ToString();
    }
}
