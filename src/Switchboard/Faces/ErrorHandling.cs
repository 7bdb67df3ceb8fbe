using Microsoft.AspNetCore.Diagnostics;
using Switchboard.Domain;

namespace Switchboard.Faces;

/// <summary>
/// Whatever escapes an endpoint still answers in the request's face: unreadable input as 422 (413 when too
/// large), an unavailable database or a full password-hashing queue as 503 with Retry-After, and an unknown
/// route or method in the face's own shape.
/// </summary>
public static class ErrorHandling
{
    public static WebApplication UseFaceErrors(this WebApplication app)
    {
        var errors = ((IApplicationBuilder)app).New();
        errors.Run(async http =>
        {
            var error = http.Features.Get<IExceptionHandlerFeature>()?.Error;
            var transient = http.RequestServices.GetService<ITransientFailures>()?.IsTransient(error) == true;
            var result = error switch
            {
                BadHttpRequestException { StatusCode: 413 } =>
                    Status(http, 413, "Request body too large", RefusalCodes.TooLarge),
                BadHttpRequestException bad =>
                    Face.Validation(http, [new FieldError("body", "", FieldRule.Custom, Message: Describe(bad))]),
                _ when transient =>
                    Status(http, 503, "Service temporarily unavailable, please retry", RefusalCodes.Unavailable),
                Tenancy.CallerRightsChangedException =>
                    Status(http, 403, RightsChanged, RefusalCodes.RightsChanged),
                Auth.PasswordHashingBusyException =>
                    Status(http, 503, "Too many password checks at once, please retry shortly", RefusalCodes.Unavailable),
                _ => Status(http, 500, "Internal server error", RefusalCodes.InternalError),
            };
            // The cache judged the caller on rights they no longer hold (a change it had not heard of yet): drop the
            // workspace's cached callers so the next request is judged on what the database says.
            if (error is Tenancy.CallerRightsChangedException changed)
                http.RequestServices.GetRequiredService<Tenancy.WorkspaceCache>().Invalidate(changed.WorkspaceId);
            if (transient) http.Response.Headers.RetryAfter = "1";
            if (error is Auth.PasswordHashingBusyException busy) http.Response.Headers.RetryAfter = busy.RetryAfterSeconds.ToString();
            await result.ExecuteAsync(http);
        });
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = errors.Build(),
            // A full password-hashing queue is load, and a right changed under a request is a race the caller lost:
            // neither is a fault, so both are answered without an error in the log.
            SuppressDiagnosticsCallback = context =>
                context.Exception is Auth.PasswordHashingBusyException or Tenancy.CallerRightsChangedException,
        });
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            var (message, code) = http.Response.StatusCode switch
            {
                404 => ("Not Found", RefusalCodes.NoSuchRoute),
                405 => ("Method Not Allowed", RefusalCodes.NoSuchRoute),
                413 => ("Request body too large", RefusalCodes.TooLarge),
                415 => ("Unsupported Media Type", RefusalCodes.NoSuchRoute),
                _ => ("Request failed", RefusalCodes.BadRequest),
            };
            await Status(http, http.Response.StatusCode, message, code).ExecuteAsync(http);
        });
        return app;
    }

    /// <summary>The words of <see cref="RefusalCodes.RightsChanged"/>: nothing was done, and trying again is judged afresh.</summary>
    public const string RightsChanged = "Your role or access in this workspace changed while this request was handled; nothing was changed";

    private static IResult Status(HttpContext http, int status, string message, string code) =>
        Face.IsPipeback(http)
            ? Pipeback.PipebackFace.Message(status, message, code)
            : PingBack.PingBackFace.Detail(status, message, code);

    private static string Describe(BadHttpRequestException bad) =>
        bad.InnerException is System.Text.Json.JsonException ? "JSON decode error" : "could not be read";
}
