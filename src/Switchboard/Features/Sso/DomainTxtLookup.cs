using System.Net;
using DnsClient;

namespace Switchboard.Features.Sso;

/// <summary>
/// The TXT records at a name, through DnsClient: the system's resolvers, or the one <c>Sso:DnsServer</c>
/// (<c>host:port</c>) names (the tests' dnsmasq). No cache, so a record just published is seen on the next try.
/// </summary>
public sealed class DomainTxtLookup
{
    private readonly LookupClient _client;

    public DomainTxtLookup(IConfiguration config)
    {
        var server = config["Sso:DnsServer"];
        var options = string.IsNullOrWhiteSpace(server) ? new LookupClientOptions() : new LookupClientOptions(Parse(server));
        options.UseCache = false;
        options.Timeout = TimeSpan.FromSeconds(3);
        options.Retries = 1;
        options.ThrowDnsErrors = false;
        options.ContinueOnDnsError = false;
        _client = new LookupClient(options);
    }

    public sealed record Answer(IReadOnlyList<string> Values, string? Error);

    public async Task<Answer> TxtAsync(string name, CancellationToken cancel)
    {
        try
        {
            var response = await _client.QueryAsync(name, QueryType.TXT, QueryClass.IN, cancel);
            if (response.HasError && response.Header.ResponseCode != DnsHeaderResponseCode.NotExistentDomain)
                return new([], response.ErrorMessage);
            // A long TXT value comes as several strings of at most 255 bytes: one record is their concatenation.
            return new([.. response.Answers.TxtRecords().Select(r => string.Concat(r.Text))], null);
        }
        catch (DnsResponseException error)
        {
            return new([], error.Message);
        }
    }

    private static NameServer Parse(string server)
    {
        var colon = server.LastIndexOf(':');
        if (colon < 0) return new NameServer(IPAddress.Parse(server), 53);
        return new NameServer(IPAddress.Parse(server[..colon].Trim('[', ']')), int.Parse(server[(colon + 1)..]));
    }
}
