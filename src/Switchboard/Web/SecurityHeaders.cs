namespace Switchboard.Web;

/// <summary>Headers of every dashboard response (pages and their files).</summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Only this origin's scripts, styles and connections (the Socket.IO websocket included: CSP3's 'self'
    /// covers ws: on the same host). Images may also come over https, because a workspace's logo is a URL
    /// elsewhere (Pipeback's seed shows https://example.com/logo.png); an image cannot run code.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https:; connect-src 'self'; " +
        "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static void Apply(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        // /invite/{id} carries a capability: no referrer may ever carry it to another site.
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
    }
}
