using Microsoft.EntityFrameworkCore;
using Switchboard.Domain;
using Switchboard.Email.Templates;
using Switchboard.Faces;

namespace Switchboard.Features.Invites;

/// <summary>
/// A workspace's daily invitation-mail budget (<see cref="InviteOptions.DailyMails"/>, by plan). Counted from the
/// outbox rows the workspace caused, so it holds on every node and across restarts; read inside the caller's
/// unit of work, which holds the workspace lock, so racing requests cannot both take the last mail.
/// </summary>
public static class InviteBudget
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    /// <summary>Null when the workspace may cause one more invitation mail now, else how long until it may.</summary>
    public static async Task<TimeSpan?> WaitAsync(InviteServices s, Workspace workspace, DateTime now)
    {
        var limit = s.Options.Value.DailyMails.For(workspace.Plan);
        var since = now - Window;
        var mails = s.Db.Outbox.Where(m => m.WorkspaceId == workspace.Id && m.CreatedAt > since
            && (m.Kind == InviteMail.Kind || m.Kind == AddedToWorkspaceMail.Kind));
        // The limit-th newest mail: once it leaves the window, one more fits. One row read, however large the budget.
        var oldestCounted = await mails.OrderByDescending(m => m.CreatedAt).Skip(limit - 1)
            .Select(m => (DateTime?)m.CreatedAt).FirstOrDefaultAsync();
        return oldestCounted is { } at ? at + Window - now : null;
    }

    public static string SpentMessage(TimeSpan wait) =>
        $"The invitation budget for today is spent. Try again in {Waiting.Describe(wait)}.";

    /// <summary>429 with Retry-After, in the face's shape.</summary>
    public static IResult Spent(HttpResponse response, TimeSpan wait)
    {
        response.Headers.RetryAfter = RetryAfterSeconds(wait).ToString("0");
        return Answer.Refuse(Failure.RateLimited(SpentMessage(wait), RefusalCodes.InviteBudgetSpent));
    }

    public static int RetryAfterSeconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
}
