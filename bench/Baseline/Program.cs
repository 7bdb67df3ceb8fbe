// The baseline of the REST benchmark: the same route, the same JSON, the same database as Switchboard, but
// through a bare Kestrel app and hand-written ADO.NET (no EF Core, no auth middleware, no faces).
//
//   Bench.Baseline serve --provider sqlite|postgres --conn "<connection string>" --urls http://127.0.0.1:PORT
//   Bench.Baseline seed-members --provider ... --conn ... --workspace <id> --count N [--tokens out.json]
//
// It does the same work per request as Switchboard: checks the bearer token (SHA-256 of the secret against
// api_tokens), checks that the caller is an active member of the workspace named by x-workspace-id, and
// lists the members ordered by invited_at, id — here as one token query and one members query.
using System.Buffers;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;

var options = Args.Parse(args);
var provider = options.Get("provider", "sqlite");
var conn = options.Get("conn", "Data Source=bench.db");
var db = new Db(provider, conn);

switch (options.Command)
{
    case "seed-members":
        await Seeder.SeedMembersAsync(db, Guid.Parse(options.Get("workspace", "")), int.Parse(options.Get("count", "0")),
            options.Get("tokens", ""));
        return;
    case "serve":
        break;
    default:
        Console.Error.WriteLine("usage: Bench.Baseline serve|seed-members --provider sqlite|postgres --conn <cs> ...");
        Environment.Exit(2);
        return;
}

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseUrls(options.Get("urls", "http://127.0.0.1:5099"));
var app = builder.Build();

app.MapGet("/healthz", () => "ok");
app.MapGet("/api/v1/team/members", (RequestDelegate)(async http =>
{
    var userId = await Auth.UserAsync(db, http.Request);
    if (userId is null)
        await Json(http, 401, """{"detail":"Not authenticated"}""");
    else if (!Guid.TryParse(http.Request.Headers["x-workspace-id"], out var workspaceId))
        await Json(http, 400, """{"detail":"The baseline needs the x-workspace-id header."}""");
    else
        await Members.WriteAsync(db, http, userId.Value, workspaceId);
}));
app.Run();
return;

static Task Json(HttpContext http, int status, string body)
{
    http.Response.StatusCode = status;
    http.Response.ContentType = "application/json; charset=utf-8";
    return http.Response.WriteAsync(body);
}

sealed class Db(string provider, string connectionString)
{
    public bool IsSqlite { get; } = provider.Trim().ToLowerInvariant() == "sqlite";
    private readonly NpgsqlDataSource? _pg = provider.Trim().ToLowerInvariant() is "postgres" or "postgresql"
        ? NpgsqlDataSource.Create(connectionString) : null;

    public async Task<DbConnection> OpenAsync()
    {
        if (_pg is not null) return await _pg.OpenConnectionAsync();
        var sqlite = new SqliteConnection(connectionString);
        await sqlite.OpenAsync();
        return sqlite;
    }

    /// <summary>EF Core keeps Guids as upper-case TEXT on SQLite and as uuid on PostgreSQL.</summary>
    public object Id(Guid id) => IsSqlite ? id.ToString().ToUpperInvariant() : id;

    public static DbCommand Command(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            command.Parameters.Add(p);
        }
        return command;
    }
}

static class Auth
{
    public static async Task<Guid?> UserAsync(Db db, HttpRequest request)
    {
        string? header = request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return null;
        var token = header.AsSpan(7).Trim();
        var bar = token.IndexOf('|');
        if (bar <= 0 || !long.TryParse(token[..bar], out var id) || token.Length - bar - 1 != 40) return null;
        var actual = Hash(token[(bar + 1)..]);

        await using var connection = await db.OpenAsync();
        await using var command = Db.Command(connection, "SELECT user_id, secret_hash FROM api_tokens WHERE id = @id", ("id", id));
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync()) return null;
        var userId = reader.GetGuid(0);
        var expected = Convert.FromHexString(reader.GetString(1));
        return CryptographicOperations.FixedTimeEquals(expected, actual) ? userId : null;
    }

    private static byte[] Hash(ReadOnlySpan<char> secret)
    {
        Span<byte> bytes = stackalloc byte[160]; // 40 chars, up to 4 UTF-8 bytes each
        var written = Encoding.UTF8.GetBytes(secret, bytes);
        return SHA256.HashData(bytes[..written]);
    }
}

static class Members
{
    private const string Sql = """
        SELECT m.id, u.id, u.email, u.name, m.role, m.status, m.is_active, m.invited_at
        FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.workspace_id = @w
          AND EXISTS (SELECT 1 FROM memberships c WHERE c.workspace_id = @w AND c.user_id = @u AND c.is_active)
        ORDER BY m.invited_at, m.id
        """;

    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    private static void WriteStamp(Utf8JsonWriter json, ReadOnlySpan<byte> name, DateTime value)
    {
        Span<byte> stamp = stackalloc byte[20];
        DateTime.SpecifyKind(value, DateTimeKind.Utc).TryFormat(stamp, out var written, "yyyy-MM-dd'T'HH:mm:ss'Z'");
        json.WriteString(name, stamp[..written]);
    }

    public static async Task WriteAsync(Db db, HttpContext http, Guid userId, Guid workspaceId)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        var rows = 0;
        await using (var connection = await db.OpenAsync())
        await using (var command = Db.Command(connection, Sql, ("w", db.Id(workspaceId)), ("u", db.Id(userId))))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            using var json = new Utf8JsonWriter(buffer, WriterOptions);
            json.WriteStartArray();
            while (await reader.ReadAsync())
            {
                rows++;
                json.WriteStartObject();
                json.WriteString("id"u8, reader.GetGuid(0));
                json.WriteString("user_id"u8, reader.GetGuid(1));
                json.WriteString("email"u8, reader.GetString(2));
                json.WriteString("name"u8, reader.GetString(3));
                json.WriteString("role"u8, reader.GetString(4).ToLowerInvariant());
                json.WriteString("status"u8, reader.GetString(5).ToLowerInvariant());
                json.WriteBoolean("is_active"u8, reader.GetBoolean(6));
                WriteStamp(json, "invited_at"u8, reader.GetDateTime(7));
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        // Switchboard answers 404 to a caller who is not a member: an empty result here means the same.
        if (rows == 0)
        {
            http.Response.StatusCode = 404;
            http.Response.ContentType = "application/json; charset=utf-8";
            await http.Response.WriteAsync("""{"detail":"Workspace not found"}""");
            return;
        }
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.ContentLength = buffer.WrittenCount;
        await http.Response.Body.WriteAsync(buffer.WrittenMemory);
    }
}

static class Seeder
{
    /// <summary>
    /// Adds <paramref name="count"/> agents (users, active full-seat memberships, API tokens) to a workspace
    /// that REST already created, past the plan's limit; writes "[{user_id, member_id, token}]" to <paramref name="tokensFile"/>.
    /// </summary>
    public static async Task SeedMembersAsync(Db db, Guid workspaceId, int count, string tokensFile)
    {
        await using var connection = await db.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var now = DateTime.UtcNow;
        var output = new List<object>();
        var stamp = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < count; i++)
        {
            var userId = Guid.NewGuid();
            var memberId = Guid.NewGuid();
            var email = $"seed-{stamp}-{i}@bench.example";
            var at = now.AddMilliseconds(i);
            await Exec("INSERT INTO users (id, email, normalized_email, name, password_hash, created_at, updated_at) " +
                       "VALUES (@id, @e, @e, @n, 'not-a-hash', @t, @t)",
                ("id", db.Id(userId)), ("e", email), ("n", $"Seeded Agent {i}"), ("t", at));
            await Exec("INSERT INTO memberships (id, workspace_id, user_id, role, seat, status, is_active, invited_at, updated_at) " +
                       "VALUES (@id, @w, @u, 'Agent', 'Full', 'Offline', @a, @t, @t)",
                ("id", db.Id(memberId)), ("w", db.Id(workspaceId)), ("u", db.Id(userId)), ("a", true), ("t", at));
            var secret = RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 40);
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
            await using var insert = Db.Command(connection,
                "INSERT INTO api_tokens (user_id, name, secret_hash, created_at) VALUES (@u, 'bench', @h, @t) RETURNING id",
                ("u", db.Id(userId)), ("h", hash), ("t", at));
            insert.Transaction = tx;
            var tokenId = Convert.ToInt64(await insert.ExecuteScalarAsync());
            output.Add(new { user_id = userId, member_id = memberId, token = $"{tokenId}|{secret}" });
        }
        await tx.CommitAsync();
        if (!string.IsNullOrEmpty(tokensFile)) await File.WriteAllTextAsync(tokensFile, JsonSerializer.Serialize(output));
        Console.WriteLine($"seeded {count} members into {workspaceId}");

        async Task Exec(string sql, params (string, object)[] parameters)
        {
            await using var command = Db.Command(connection, sql, parameters);
            command.Transaction = tx;
            await command.ExecuteNonQueryAsync();
        }
    }
}

sealed class Args
{
    public string Command { get; private init; } = "";
    private readonly Dictionary<string, string> _values = new();

    public static Args Parse(string[] args)
    {
        var result = new Args { Command = args.Length > 0 ? args[0] : "" };
        for (var i = 1; i + 1 < args.Length; i += 2)
            if (args[i].StartsWith("--", StringComparison.Ordinal)) result._values[args[i][2..]] = args[i + 1];
        return result;
    }

    public string Get(string name, string fallback) => _values.TryGetValue(name, out var v) ? v : fallback;
}
