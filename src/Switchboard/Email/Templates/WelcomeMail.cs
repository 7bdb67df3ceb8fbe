using static Switchboard.Email.Templates.MailText;

namespace Switchboard.Email.Templates;

/// <summary>After an invite is accepted: part of the new member's welcome setup.</summary>
public static class WelcomeMail
{
    public const string Kind = "welcome";

    public static MailContent Compose(string workspace, string name, string link)
    {
        workspace = Name(workspace);
        name = Name(name);
        var subject = Subject($"Welcome to {workspace} on Switchboard");
        var html = Page(subject, $"""
            <h1 style="font-size: 20px;">Welcome, {Html(name)}</h1>
            <p>You are now a member of the <strong>{Html(workspace)}</strong> workspace.
            Notifications for assignments and mentions are on; change them any time in your settings.</p>
            {Button(link, "Open Switchboard")}
            """);
        var text = $"""
            Welcome, {name}.

            You are now a member of the {workspace} workspace on Switchboard.
            Notifications for assignments and mentions are on; change them any time in your settings.

            Open Switchboard: {link}
            """;
        return new MailContent(Kind, subject, html, text);
    }
}
