using static Switchboard.Email.Templates.MailText;

namespace Switchboard.Email.Templates;

/// <summary>After registering (or asking again): the link that proves the address is theirs.</summary>
public static class VerifyEmailMail
{
    public const string Kind = "verify_email";

    public static MailContent Compose(string name, string link, DateTime expiresAt)
    {
        name = Name(name);
        var subject = Subject("Confirm your email address for Switchboard");
        var html = Page(subject, $"""
            <h1 style="font-size: 20px;">Confirm your email address</h1>
            <p>Hello {Html(name)}, confirm that this address is yours so that teams can add you.</p>
            {Button(link, "Confirm my address")}
            <p>Or open this link: <a href="{Html(link)}">{Html(link)}</a></p>
            <p>The link expires on {Html(Date(expiresAt))}.</p>
            <p style="color: #6b7280;">If you did not create a Switchboard account, you can ignore this email.</p>
            """);
        var text = $"""
            Hello {name},

            Confirm that this address is yours so that teams can add you: {link}

            The link expires on {Date(expiresAt)}.

            If you did not create a Switchboard account, you can ignore this email.
            """;
        return new MailContent(Kind, subject, html, text);
    }
}
