using static Switchboard.Email.Templates.MailText;

namespace Switchboard.Email.Templates;

/// <summary>To someone who already had an account and was added at once: nothing to accept.</summary>
public static class AddedToWorkspaceMail
{
    public const string Kind = "added_to_workspace";

    public static MailContent Compose(string workspace, string inviter, string link)
    {
        workspace = Name(workspace);
        inviter = Name(inviter);
        var subject = Subject($"{inviter} added you to {workspace} on Switchboard");
        var html = Page(subject, $"""
            <h1 style="font-size: 20px;">You were added to {Html(workspace)}</h1>
            <p>{Html(inviter)} added you to the <strong>{Html(workspace)}</strong> workspace on Switchboard.
            Sign in with your existing account to start.</p>
            {Button(link, "Open Switchboard")}
            """);
        var text = $"""
            {inviter} added you to the {workspace} workspace on Switchboard.

            Sign in with your existing account to start: {link}
            """;
        return new MailContent(Kind, subject, html, text);
    }
}
