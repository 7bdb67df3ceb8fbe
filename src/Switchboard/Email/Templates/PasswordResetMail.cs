using static Switchboard.Email.Templates.MailText;

namespace Switchboard.Email.Templates;

/// <summary>Someone asked to reset the password of this address's account: the one-time link, valid 30 minutes.</summary>
public static class PasswordResetMail
{
    public const string Kind = "password_reset";

    public static MailContent Compose(string name, string link, DateTime expiresAt)
    {
        name = Plain(name);
        var subject = Subject("Reset your Switchboard password");
        var html = Page(subject, $"""
            <h1 style="font-size: 20px;">Reset your password</h1>
            <p>Hello {Html(name)}, someone (we hope you) asked to reset the password of the Switchboard account of this address.</p>
            {Button(link, "Choose a new password")}
            <p>Or open this link: <a href="{Html(link)}">{Html(link)}</a></p>
            <p>The link works once, until {Html(Date(expiresAt))}. Choosing a new password signs out every other session of the account.</p>
            <p style="color: #6b7280;">If you did not ask for this, you can ignore this email: your password stays as it is.</p>
            """);
        var text = $"""
            Hello {name},

            Someone (we hope you) asked to reset the password of the Switchboard account of this address.
            Choose a new password here: {link}

            The link works once, until {Date(expiresAt)}. Choosing a new password signs out every other session of the account.

            If you did not ask for this, you can ignore this email: your password stays as it is.
            """;
        return new MailContent(Kind, subject, html, text);
    }
}
