using static Switchboard.Email.Templates.MailText;

namespace Switchboard.Email.Templates;

/// <summary>A workspace changed hands: one mail to the new owner, one to the former owner (now an admin).</summary>
public static class OwnershipTransferredMail
{
    public const string Kind = "ownership_transferred";

    public static MailContent ToNewOwner(string workspace, string formerOwner, string link)
    {
        workspace = Plain(workspace);
        formerOwner = Plain(formerOwner);
        var subject = Subject($"You now own {workspace} on Switchboard");
        var html = Page(subject, $"""
            <h1 style="font-size: 20px;">You own {Html(workspace)}</h1>
            <p>{Html(formerOwner)} handed the <strong>{Html(workspace)}</strong> workspace over to you. You now manage its
            plan, settings and every member; {Html(formerOwner)} stays on as an admin.</p>
            {Button(link, "Open Switchboard")}
            """);
        var text = $"""
            {formerOwner} handed the {workspace} workspace over to you. You now manage its plan, settings and every
            member; {formerOwner} stays on as an admin.

            {link}
            """;
        return new MailContent(Kind, subject, html, text);
    }

    public static MailContent ToFormerOwner(string workspace, string newOwner, string link)
    {
        workspace = Plain(workspace);
        newOwner = Plain(newOwner);
        var subject = Subject($"{workspace} now belongs to {newOwner}");
        var html = Page(subject, $"""
            <h1 style="font-size: 20px;">You handed {Html(workspace)} over</h1>
            <p><strong>{Html(newOwner)}</strong> now owns the <strong>{Html(workspace)}</strong> workspace; you are an admin there.
            If you did not do this, reset your password and contact {Html(newOwner)}.</p>
            {Button(link, "Open Switchboard")}
            """);
        var text = $"""
            {newOwner} now owns the {workspace} workspace; you are an admin there.
            If you did not do this, reset your password and contact {newOwner}.

            {link}
            """;
        return new MailContent(Kind, subject, html, text);
    }
}
