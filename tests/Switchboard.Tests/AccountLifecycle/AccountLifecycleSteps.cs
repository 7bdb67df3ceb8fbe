using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Switchboard.Tests.Email;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.AccountLifecycle;

/// <summary>Steps of the account lifecycle routes, over HTTP, and the row counts the deletion tests compare.</summary>
public static class AccountLifecycleSteps
{
    /// <summary>DELETE with a JSON body, as the dashboard sends it (HttpClient has no shortcut for one).</summary>
    public static Task<HttpResponseMessage> DeleteJsonAsync(this HttpClient client, string url, object body) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, url) { Content = JsonContent.Create(body) });

    public static Task<HttpResponseMessage> DeleteAccountAsync(this SwitchboardApp app, Account account, string password = "correct-horse") =>
        app.As(account.Token).DeleteJsonAsync("/api/v1/auth/me", new { password });

    public static Task<HttpResponseMessage> DeleteBusinessAsync(this Business business, string name) =>
        business.Client.DeleteJsonAsync("/api/v1/business", new { name });

    public static Task<HttpResponseMessage> TransferAsync(this Business business, Guid userId, string password = "correct-horse") =>
        business.App.As(business.Owner.Token, business.Id).PostAsJsonAsync("/api/v1/team/transfer-ownership", new { user_id = userId, password });

    /// <summary>Rows that name this workspace, table by table: after a deletion every count is zero.</summary>
    public static Task<Dictionary<string, int>> RowsOfWorkspaceAsync(this SwitchboardApp app, Guid id) => app.WithDbAsync(async db =>
    {
        var memberships = db.Memberships.Where(m => m.WorkspaceId == id).Select(m => m.Id);
        return new Dictionary<string, int>
        {
            ["workspaces"] = await db.Workspaces.CountAsync(w => w.Id == id),
            ["memberships"] = await db.Memberships.CountAsync(m => m.WorkspaceId == id),
            ["teams"] = await db.Teams.CountAsync(t => t.WorkspaceId == id),
            ["team_members"] = await db.TeamMembers.CountAsync(t => memberships.Contains(t.MembershipId)
                || db.Teams.Where(x => x.WorkspaceId == id).Select(x => x.Id).Contains(t.TeamId)),
            ["invites"] = await db.Invites.CountAsync(i => i.WorkspaceId == id),
            ["invite_links"] = await db.InviteLinks.CountAsync(l => l.WorkspaceId == id),
            ["conversations"] = await db.Conversations.CountAsync(c => c.WorkspaceId == id),
            ["notification_preferences"] = await db.NotificationPreferences.CountAsync(p => p.WorkspaceId == id),
            ["audit_events"] = await db.AuditEvents.CountAsync(a => a.WorkspaceId == id),
            ["seat_ledger"] = await db.SeatLedger.CountAsync(e => e.WorkspaceId == id),
        };
    });

    /// <summary>Rows keyed to this user, table by table (audit rows are kept on purpose and counted apart).</summary>
    public static Task<Dictionary<string, int>> RowsOfUserAsync(this SwitchboardApp app, Guid id) => app.WithDbAsync(async db =>
        new Dictionary<string, int>
        {
            ["users"] = await db.Users.CountAsync(u => u.Id == id),
            ["memberships"] = await db.Memberships.CountAsync(m => m.UserId == id),
            ["api_tokens"] = await db.ApiTokens.CountAsync(t => t.UserId == id),
            ["email_verifications"] = await db.EmailVerifications.CountAsync(v => v.UserId == id),
            ["password_resets"] = await db.PasswordResets.CountAsync(r => r.UserId == id),
            ["email_changes"] = await db.EmailChanges.CountAsync(c => c.UserId == id),
            ["notification_preferences"] = await db.NotificationPreferences.CountAsync(p => p.UserId == id),
            ["workspaces_owned"] = await db.Workspaces.CountAsync(w => w.OwnerUserId == id),
        });

    public static Task<int> MailsAsync(this SwitchboardApp app, string email, string kind)
    {
        var key = Switchboard.Domain.EmailAddress.Normalize(email);
        return app.WithDbAsync(db => db.Outbox.CountAsync(m => m.RecipientKey == key && m.Kind == kind));
    }

    public static async Task<string> EmailChangeTokenAsync(this SwitchboardApp app, string newEmail)
    {
        var text = await app.NewestMailTextAsync(newEmail, "email_change_confirm");
        var match = System.Text.RegularExpressions.Regex.Match(text, @"/confirm-email-change\?token=([A-Za-z0-9_-]+)");
        match.Success.ShouldBeTrue($"no email change link in: {text}");
        return match.Groups[1].Value;
    }

    public static IEnumerable<string> NonZero(this Dictionary<string, int> counts) =>
        counts.Where(c => c.Value != 0).Select(c => $"{c.Key}={c.Value}");
}
