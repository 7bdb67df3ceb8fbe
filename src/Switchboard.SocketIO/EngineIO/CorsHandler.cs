using Microsoft.AspNetCore.Http;

namespace Switchboard.SocketIO.EngineIO;

internal static class CorsHandler
{
    /// <summary>Adds CORS headers; returns true when the request was a preflight that has been answered.</summary>
    public static bool Apply(HttpContext context, EngineIOCorsOptions? cors)
    {
        if (cors is null)
        {
            return false;
        }

        var request = context.Request;
        var headers = context.Response.Headers;
        string origin = request.Headers.Origin.ToString();
        var hasOrigin = origin.Length > 0;

        if (hasOrigin && cors.IsAllowed(origin))
        {
            if (cors.AllowsAnyOrigin && !cors.AllowCredentials)
            {
                headers.AccessControlAllowOrigin = "*";
            }
            else
            {
                headers.AccessControlAllowOrigin = origin;
                headers.Vary = "Origin";
            }

            if (cors.AllowCredentials)
            {
                headers.AccessControlAllowCredentials = "true";
            }
        }
        else if (!hasOrigin && cors.AllowsAnyOrigin && !cors.AllowCredentials)
        {
            headers.AccessControlAllowOrigin = "*";
        }

        if (!HttpMethods.IsOptions(request.Method))
        {
            return false;
        }

        headers.AccessControlAllowMethods = "GET,HEAD,PUT,PATCH,POST,DELETE";
        var requested = request.Headers.AccessControlRequestHeaders.ToString();
        if (cors.AllowedHeaders is { } allowed)
        {
            headers.AccessControlAllowHeaders = string.Join(',', allowed);
        }
        else if (requested.Length > 0)
        {
            headers.AccessControlAllowHeaders = requested;
        }

        context.Response.StatusCode = StatusCodes.Status204NoContent;
        context.Response.ContentLength = 0;
        return true;
    }
}
