using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace Switchboard.Tests.Security;

/// <summary>
/// Races reads of a token (GET /api/v1/auth/me, through every given client in turn) against the request that
/// revokes it, and checks the rule "a revoked token is refused from the moment the revoking request is answered":
/// every read that started after the answer arrived is 401. No timing is assumed: the readers run until each has
/// started a number of requests after the answer, however long that takes.
/// </summary>
public static class RevocationRace
{
    private const int Readers = 8;
    private const int ReadsAfterAnswer = 15;

    public static async Task RunAsync(IReadOnlyList<HttpClient> withToken, Func<Task> revoke)
    {
        var results = new ConcurrentBag<(long Started, HttpStatusCode Status)>();
        long answeredAt = long.MaxValue;
        var readers = Enumerable.Range(0, Readers).Select(reader => Task.Run(async () =>
        {
            var afterAnswer = 0;
            for (var i = reader; afterAnswer < ReadsAfterAnswer; i++)
            {
                var started = Stopwatch.GetTimestamp();
                if (started > Interlocked.Read(ref answeredAt)) afterAnswer++;
                var response = await withToken[i % withToken.Count].GetAsync("/api/v1/auth/me");
                results.Add((started, response.StatusCode));
            }
        })).ToList();

        // The token works, and is cached, on every node before the revocation starts.
        while (results.Count(r => r.Status == HttpStatusCode.OK) < Readers * withToken.Count)
        {
            if (readers.FirstOrDefault(r => r.IsFaulted) is { } failed) await failed;
            await Task.Yield();
        }
        await revoke();
        Interlocked.Exchange(ref answeredAt, Stopwatch.GetTimestamp());
        await Task.WhenAll(readers);

        var late = results.Where(r => r.Started > answeredAt).ToList();
        late.Count.ShouldBeGreaterThanOrEqualTo(Readers * (ReadsAfterAnswer - 1));
        late.Where(r => r.Status != HttpStatusCode.Unauthorized).ShouldBeEmpty("every request sent after the revoking answer is refused");
        // And it stays refused, on every node.
        for (var i = 0; i < 10; i++)
            foreach (var client in withToken)
                (await client.GetAsync("/api/v1/auth/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
