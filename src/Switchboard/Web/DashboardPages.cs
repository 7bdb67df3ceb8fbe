namespace Switchboard.Web;

/// <summary>
/// The dashboard's addresses. Each answers the same shell (wwwroot/index.html); the client picks the page
/// from the path. The list is explicit rather than a catch-all so that /api, /app, /socket.io, /openapi,
/// /docs and /healthz keep their own 404 and 405 answers: a catch-all GET would turn an API route's 405
/// into a page, and an unknown API route's JSON 404 into HTML.
/// </summary>
public static class DashboardPages
{
    public static readonly string[] Routes =
    [
        "/",
        "/login",
        "/signup",
        "/workspaces/new",
        "/team",
        "/settings/team",
        "/settings/sso",
        "/settings/sso/test",
        "/conversations",
        "/supervisor",
        "/audit",
        "/teams",
        "/teams/{id}",
        "/invite/{id}",
        "/verify-email",
        "/forgot-password",
        "/reset-password",
        "/join",
        "/account/danger",
        "/confirm-email-change",
        "/account",
    ];

    public const string Shell = "index.html";

    public static IResult Serve(HttpContext http, IWebHostEnvironment env)
    {
        var file = env.WebRootFileProvider.GetFileInfo(Shell);
        // Without wwwroot (a content root elsewhere) the page is simply not here: the JSON 404 says so.
        if (!file.Exists) return Results.NotFound();
        SecurityHeaders.Apply(http.Response);
        http.Response.Headers.CacheControl = "no-cache";
        return Results.Stream(file.CreateReadStream(), "text/html; charset=utf-8", lastModified: file.LastModified);
    }
}
