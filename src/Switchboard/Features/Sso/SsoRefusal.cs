using Switchboard.Domain;
using Switchboard.Email;
using Switchboard.Faces;

namespace Switchboard.Features.Sso;

/// <summary>
/// How the sign-in routes refuse. A browser arrives there by navigation (from the provider, or a bookmarked sign-in
/// link) and asks for HTML: it is sent to the sign-in page, which shows the words — a full plan is a clear page, not a
/// JSON body. Any other client (Accept without text/html) gets the PingBack error body and status.
/// </summary>
public static class SsoRefusal
{
    public static Func<Failure, IResult> For(HttpContext http, PublicLinks links)
    {
        var page = http.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
        return failure => page ? Answer.Redirect(links.SsoRefused(failure.Message)) : Answer.Refuse(failure);
    }
}
