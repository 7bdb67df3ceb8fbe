using static Switchboard.Email.Templates.MailText;

namespace Switchboard.Email.Templates;

/// <summary>To the new address of an email change: the one-time link that proves this mailbox and moves the account.</summary>
public static class EmailChangeConfirmMail
{
    public const string Kind = "email_change_confirm";

    public static MailContent Compose(string name, string newEmail, string link, DateTime expiresAt)
    {
        name = Plain(name);
        var subject = Subject("Confirm your new Switchboard email address");
        var html = Page(subject, $"""
            <h1 style="font-size: 20px;">Confirm your new address</h1>
            <p>Hello {Html(name)}, you asked to sign in to Switchboard as <strong>{Html(newEmail)}</strong> from now on.</p>
            {Button(link, "Use this address")}
            <p>Or open this link: <a href="{Html(link)}">{Html(link)}</a></p>
            <p>The link works once, until {Html(Date(expiresAt))}. Your address stays as it is until you open it.</p>
            <p style="color: #6b7280;">If you did not ask for this, ignore this email: nothing changes.</p>
            """);
        var text = $"""
            Hello {name},

            You asked to sign in to Switchboard as {newEmail} from now on.
            Confirm it here: {link}

            The link works once, until {Date(expiresAt)}. Your address stays as it is until you open it.

            If you did not ask for this, ignore this email: nothing changes.
            """;
        return new MailContent(Kind, subject, html, text);
    }
}
