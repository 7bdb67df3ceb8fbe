using static Switchboard.Email.Templates.MailText;

namespace Switchboard.Email.Templates;

/// <summary>
/// To the current address when a change away from it is asked: whoever holds the account's password could be someone
/// else, and this mailbox is where the real owner will see it in time to reset the password.
/// </summary>
public static class EmailChangeNoticeMail
{
    public const string Kind = "email_change_notice";

    public static MailContent Compose(string name, string newEmail, string resetLink)
    {
        name = Plain(name);
        var subject = Subject("Your Switchboard email address is about to change");
        var html = Page(subject, $"""
            <h1 style="font-size: 20px;">A change of address was asked</h1>
            <p>Hello {Html(name)}, someone signed in to your Switchboard account asked to move it to <strong>{Html(newEmail)}</strong>.
            It happens only once that address confirms it.</p>
            <p>If this was not you, choose a new password now: it signs out every other session.</p>
            {Button(resetLink, "Choose a new password")}
            """);
        var text = $"""
            Hello {name},

            Someone signed in to your Switchboard account asked to move it to {newEmail}.
            It happens only once that address confirms it.

            If this was not you, choose a new password now (it signs out every other session): {resetLink}
            """;
        return new MailContent(Kind, subject, html, text);
    }
}
