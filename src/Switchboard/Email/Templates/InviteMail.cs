using static Switchboard.Email.Templates.MailText;

namespace Switchboard.Email.Templates;

/// <summary>To someone without an account: who invites them where, the link to accept, and until when.</summary>
public static class InviteMail
{
    public const string Kind = "invite";

    public static MailContent Compose(string workspace, string inviter, string link, DateTime expiresAt)
    {
        workspace = Name(workspace);
        inviter = Name(inviter);
        var subject = Subject($"{inviter} invited you to join {workspace} on Switchboard");
        var html = Page(subject, $"""
            <h1 style="font-size: 20px;">Join {Html(workspace)} on Switchboard</h1>
            <p>{Html(inviter)} invited you to join the <strong>{Html(workspace)}</strong> workspace.</p>
            {Button(link, "Accept the invitation")}
            <p>Or open this link: <a href="{Html(link)}">{Html(link)}</a></p>
            <p>The invitation expires on {Html(Date(expiresAt))}.</p>
            <p style="color: #6b7280;">If you did not expect this invitation, you can ignore this email.</p>
            """);
        var text = $"""
            {inviter} invited you to join the {workspace} workspace on Switchboard.

            Accept the invitation: {link}

            The invitation expires on {Date(expiresAt)}.

            If you did not expect this invitation, you can ignore this email.
            """;
        return new MailContent(Kind, subject, html, text);
    }
}
