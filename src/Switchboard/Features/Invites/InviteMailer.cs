using Microsoft.EntityFrameworkCore;
using Switchboard.Domain;
using Switchboard.Email.Templates;

namespace Switchboard.Features.Invites;

/// <summary>Queues the invitation mail for an invite in the current unit of work.</summary>
public static class InviteMailer
{
    public static async Task QueueAsync(InviteServices s, DateTime now, Invite invite, Workspace workspace, Guid inviterId)
    {
        var inviter = await InviterNameAsync(s, inviterId);
        var mail = InviteMail.Compose(workspace.Name, inviter, s.Links.Invite(invite.Id), invite.ExpiresAt);
        s.Outbox.Add(s.Db, now, invite.Email, mail);
    }

    public static async Task<string> InviterNameAsync(InviteServices s, Guid userId) =>
        await s.Db.Users.Where(u => u.Id == userId).Select(u => u.Name).FirstOrDefaultAsync() ?? "A teammate";
}
