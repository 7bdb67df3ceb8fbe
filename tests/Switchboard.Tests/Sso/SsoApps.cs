using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Sso;

/// <summary>The service with <c>Sso:DnsServer</c> pointing at a <see cref="DnsServer"/> of the fixture's own.</summary>
public sealed class SqliteSsoApp : SqliteApp
{
    public DnsServer Dns { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Sso:DnsServer", Dns.Address)];

    public override async ValueTask DisposeAsync()
    {
        await Dns.DisposeAsync();
        await base.DisposeAsync();
    }
}

public sealed class PostgresSsoApp : PostgresApp
{
    public DnsServer Dns { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Sso:DnsServer", Dns.Address)];

    public override async ValueTask DisposeAsync()
    {
        await Dns.DisposeAsync();
        await base.DisposeAsync();
    }
}
