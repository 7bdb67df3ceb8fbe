using Switchboard.Faces;
using Microsoft.EntityFrameworkCore;
using Switchboard.Domain;
using Switchboard.Email.Templates;
using Switchboard.Faces.Pipeback;

namespace Switchboard.Features.Invites;

/// <summary>Queues the invitation mail for an invite in the current unit of work.</summary>
public static class InviteMailer
{
    public static async Task QueueAsync(InviteServices s, DateTime now, Invite invite, Workspace workspace, Guid inviterId)
    {
        var inviter = await InviterNameAsync(s, inviterId);
        var mail = InviteMail.Compose(workspace.Name, inviter, s.Links.Invite(invite.Id), invite.ExpiresAt);
        s.Outbox.Add(s.Db, now, invite.Email, mail, workspace.Id);
    }

    /// <summary>
    /// Null when another invitation mail may go to this address now, else how long until one may. Counted
    /// over every workspace's invite and added-to-workspace mail to the address's mailbox in the last hour
    /// (<see cref="EmailAddress.MailboxKey"/>: case, NFKC and <c>+tag</c> folded), so creating and revoking one
    /// invite in a loop, or inviting <c>a+1@…</c>, <c>a+2@…</c>, …, cannot flood an inbox.
    /// </summary>
    public static async Task<TimeSpan?> WaitBeforeMailAsync(InviteServices s, string email, DateTime now)
    {
        var mailbox = EmailAddress.MailboxKey(email);
        var limit = Math.Max(1, s.Options.Value.MailsPerRecipientPerHour);
        var hour = TimeSpan.FromHours(1);
        var since = now - hour;
        var recent = await s.Db.Outbox
            .Where(m => m.MailboxKey == mailbox && m.CreatedAt > since
                && (m.Kind == InviteMail.Kind || m.Kind == AddedToWorkspaceMail.Kind))
            .OrderByDescending(m => m.CreatedAt).Take(limit).Select(m => m.CreatedAt).ToListAsync();
        return Allowance.Wait(recent, limit, hour, now);
    }

    public static IResult TooManyMails(HttpResponse response, TimeSpan wait)
    {
        response.Headers.RetryAfter = InviteBudget.RetryAfterSeconds(wait).ToString("0");
        return Answer.Refuse(Failure.RateLimited(TooManyMailsMessage(wait)));
    }

    public static string TooManyMailsMessage(TimeSpan wait) =>
        $"Too many invitations were sent to this address. Try again in {Faces.Waiting.Describe(wait)}.";

    public static async Task<string> InviterNameAsync(InviteServices s, Guid userId) =>
        await s.Db.Users.Where(u => u.Id == userId).Select(u => u.Name).FirstOrDefaultAsync() ?? "A teammate";
}
