namespace Switchboard.Tests.Infrastructure;

/// <summary>
/// Two nodes in cluster mode: one PostgreSQL database and one real Redis (SWITCHBOARD_TEST_REDIS, which
/// scripts/test starts) under a key and channel prefix of their own, so that fixtures running at once never hear
/// each other. Without the variable these tests fail rather than pass unseen.
/// </summary>
public class RedisNodes : IAsyncLifetime
{
    private readonly string _prefix = $"sbtest{Guid.NewGuid():N}";

    public Node First { get; private set; } = null!;
    public Node Second { get; private set; } = null!;

    public static string RedisAddress =>
        Environment.GetEnvironmentVariable("SWITCHBOARD_TEST_REDIS")
        ?? throw new InvalidOperationException("SWITCHBOARD_TEST_REDIS is not set: run the tests through scripts/test, which starts Redis.");

    /// <summary>Settings both nodes take beside the cluster's own (a fixture for one suite overrides it).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [];

    public sealed class Node : PostgresApp
    {
        private readonly string _prefix;
        private readonly string _name;
        private readonly IEnumerable<KeyValuePair<string, string?>> _extra;

        public Node(string prefix, string name, IEnumerable<KeyValuePair<string, string?>> extra) => (_prefix, _name, _extra) = (prefix, name, extra);

        public Node(string prefix, string name, string database, IEnumerable<KeyValuePair<string, string?>> extra)
            : base(database, ownsDatabase: false) => (_prefix, _name, _extra) = (prefix, name, extra);

        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            new("Redis:Configuration", RedisAddress),
            new("Redis:ChannelPrefix", _prefix),
            new("Cluster:NodeId", $"{_prefix}-{_name}"),
            .. _extra,
        ];
    }

    public ValueTask InitializeAsync()
    {
        // The first node migrates the database before the second starts.
        First = new Node(_prefix, "a", ExtraSettings);
        _ = First.Server;
        Second = new Node(_prefix, "b", First.Database, ExtraSettings);
        _ = Second.Server;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await Second.DisposeAsync();
        await First.DisposeAsync();
    }
}
