using Microsoft.AspNetCore.StaticFiles;

namespace Switchboard.Web;

/// <summary>
/// The dashboard (wwwroot/): its static files and the client-side pages, served by the service itself so
/// the API, the sockets and the pages share one origin (no CORS, and a Content-Security-Policy of 'self').
/// </summary>
public static class DashboardSetup
{
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.Configure<StaticFileOptions>(o =>
        {
            var types = new FileExtensionContentTypeProvider();
            types.Mappings[".map"] = "application/json";
            o.ContentTypeProvider = types;
            o.OnPrepareResponse = file =>
            {
                SecurityHeaders.Apply(file.Context.Response);
                // Revalidate with the ETag on every load: a deploy must never leave an old module next to a new one.
                file.Context.Response.Headers.CacheControl = "no-cache";
            };
        });
        return services;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        // Serves wwwroot (css/, js/, vendor/) for requests no endpoint claimed; unknown files fall through to
        // the face's JSON 404 like any other unknown path.
        app.UseStaticFiles();
        var pages = app.MapGroup("").WithTags("Dashboard").ExcludeFromDescription();
        foreach (var route in DashboardPages.Routes)
            pages.MapGet(route, DashboardPages.Serve);
        return app;
    }
}
