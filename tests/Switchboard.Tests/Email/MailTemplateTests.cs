using Switchboard.Email.Templates;

namespace Switchboard.Tests.Email;

/// <summary>What a recipient reads: who, where, the link, until when; nothing a user typed becomes markup or a header.</summary>
public sealed class MailTemplateTests
{
    private const string Link = "http://localhost:5080/invite/9d5f3d04-6f03-4e5e-9e7a-5f6a7b8c9d0a";
    private static readonly DateTime Expiry = new(2025, 11, 2, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void The_invite_names_the_workspace_and_inviter_and_holds_the_link_and_expiry_in_both_parts()
    {
        var mail = InviteMail.Compose("My Workspace", "Olivia Owner", Link, Expiry);

        mail.Kind.ShouldBe("invite");
        mail.Subject.ShouldBe("Olivia Owner invited you to join My Workspace on Switchboard");
        foreach (var part in new[] { mail.Text, mail.Html })
        {
            part.ShouldContain("My Workspace");
            part.ShouldContain("Olivia Owner");
            part.ShouldContain(Link);
            part.ShouldContain("Sunday 2 November 2025, 10:00 UTC");
        }
    }

    [Fact]
    public void User_input_is_HTML_escaped_in_the_HTML_part_and_kept_verbatim_in_the_text_part()
    {
        var mail = InviteMail.Compose("<script>alert(1)</script> & Co", "Eve \"<b>\"", Link, Expiry);

        mail.Html.ShouldNotContain("<script>");
        mail.Html.ShouldNotContain("<b>");
        mail.Html.ShouldContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co");
        mail.Html.ShouldContain("Eve &quot;&lt;b&gt;&quot;");
        mail.Text.ShouldContain("<script>alert(1)</script> & Co");
    }

    [Fact]
    public void A_line_break_in_a_name_cannot_reach_the_subject_header()
    {
        var mail = InviteMail.Compose("Acme\r\nBcc: victim@example.com", "Mallory\n", Link, Expiry);

        mail.Subject.ShouldNotContain("\r");
        mail.Subject.ShouldNotContain("\n");
        mail.Subject.ShouldBe("Mallory invited you to join Acme Bcc: victim@example.com on Switchboard");
    }

    [Fact]
    public void The_added_and_welcome_mails_name_the_workspace_and_link_to_the_dashboard()
    {
        var added = AddedToWorkspaceMail.Compose("My Workspace", "Olivia Owner", "http://localhost:5080/");
        added.Subject.ShouldBe("Olivia Owner added you to My Workspace on Switchboard");
        added.Text.ShouldContain("http://localhost:5080/");

        var welcome = WelcomeMail.Compose("My <Workspace>", "New User", "http://localhost:5080/");
        welcome.Subject.ShouldBe("Welcome to My <Workspace> on Switchboard");
        welcome.Html.ShouldContain("My &lt;Workspace&gt;");
        welcome.Text.ShouldContain("New User");
    }
}
