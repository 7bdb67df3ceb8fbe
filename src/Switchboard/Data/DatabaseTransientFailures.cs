using Switchboard.Domain;

namespace Switchboard.Data;

/// <summary>Which exceptions mean "the database is unavailable right now" on either provider.</summary>
public sealed class DatabaseTransientFailures : ITransientFailures
{
    // Npgsql marks connection failures, server shutdown/restart (57P01, 57P03) and broken streams as transient;
    // a PostgresException of those has no inner exception, so the type alone does not tell.
    public bool IsTransient(Exception? error) =>
        error is System.Net.Sockets.SocketException or TimeoutException or Npgsql.NpgsqlException { IsTransient: true } ||
        error?.GetType().Name is "NpgsqlException" && error.InnerException is not null ||
        (error?.InnerException is { } inner && inner != error && IsTransient(inner));
}
