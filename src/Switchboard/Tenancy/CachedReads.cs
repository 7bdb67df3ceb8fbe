using System.Text.Json;
using Microsoft.Extensions.Options;
using Switchboard.Faces;

namespace Switchboard.Tenancy;

/// <summary>
/// A workspace-wide read served as JSON bytes from <see cref="WorkspaceCache"/>: read and serialised once
/// per change (or per second, across nodes), not once per request. Like <see cref="Answer.Value"/>, the
/// route's face decides the envelope (bare on PingBack, {"data": …} on Pipeback); each face has its entry.
/// </summary>
public static class CachedReads
{
    /// <param name="kind">names the read (one entry per kind and workspace)</param>
    /// <param name="read">the resource</param>
    /// <param name="variant">the read's parameters, normalised (a page of a search): each distinct one is its own entry</param>
    /// <param name="enveloped">false when <paramref name="read"/> returns the whole body (a page with its own meta)</param>
    /// <param name="readsQueue">true when <paramref name="read"/> reads the workspace's conversations: their changes void it</param>
    public static async Task<IResult> JsonAsync(this WorkspaceCache cache, HttpContext http, string kind, Guid workspaceId,
        Func<Task<object>> read, string? variant = null, bool enveloped = true, bool readsQueue = false)
    {
        var key = variant is null ? $"{kind}:{Face.Of(http)}:{workspaceId:N}" : $"{kind}:{Face.Of(http)}:{workspaceId:N}?{variant}";
        if (!cache.TryGet<byte[]>(key, out var body))
        {
            var stamp = cache.Stamp(readsQueue: readsQueue);
            var resource = await read();
            var value = enveloped ? Face.Envelope(http, resource) : resource;
            var options = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value;
            body = JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), options.SerializerOptions);
            cache.Set(key, body, stamp, workspaceId, readsQueue: readsQueue);
        }
        return Results.Bytes(body, "application/json; charset=utf-8");
    }
}
