using Microsoft.Extensions.Options;
using MimeKit;
using Switchboard.Domain;
using Switchboard.Email;
using Switchboard.Email.Transports;

namespace Switchboard.Tests.Email;

/// <summary>The MIME message built from an outbox row, the pickup folder, the retry schedule.</summary>
public sealed class MailMessageTests : IDisposable
{
    private readonly string _folder = MailSettings.NewFolder("pickup");

    public void Dispose()
    {
        MailSettings.DeleteFolder(_folder);
        GC.SuppressFinalize(this);
    }

    private static OutboxMessage Row() => new()
    {
        MessageId = "0123456789abcdef@switchboard.local",
        To = "newuser@example.com",
        Subject = "Olivia Owner invited you to join My Workspace on Switchboard",
        HtmlBody = "<p>Hello</p>",
        TextBody = "Hello",
        Kind = "invite",
        CreatedAt = new DateTime(2025, 10, 26, 10, 0, 0, DateTimeKind.Utc),
    };

    [Fact]
    public void A_row_becomes_a_multipart_alternative_message_with_its_stable_Message_ID()
    {
        var message = MailMessageBuilder.Build(Row(), "Switchboard <no-reply@switchboard.local>");

        message.MessageId.ShouldBe("0123456789abcdef@switchboard.local");
        message.To.Mailboxes.Single().Address.ShouldBe("newuser@example.com");
        message.From.Mailboxes.Single().Address.ShouldBe("no-reply@switchboard.local");
        message.Subject.ShouldBe(Row().Subject);
        message.Body.ShouldBeOfType<MultipartAlternative>();
        message.TextBody.ShouldBe("Hello");
        message.HtmlBody.ShouldBe("<p>Hello</p>");
    }

    [Fact]
    public async Task The_pickup_folder_holds_one_eml_per_Message_ID_even_when_sent_twice()
    {
        var transport = new PickupFolderTransport(Options.Create(new EmailOptions { PickupDirectory = _folder }));
        var message = MailMessageBuilder.Build(Row(), "Switchboard <no-reply@switchboard.local>");

        await transport.SendAsync(message, CancellationToken.None);
        await transport.SendAsync(message, CancellationToken.None);

        var files = Directory.GetFiles(_folder);
        files.ShouldHaveSingleItem().ShouldEndWith("0123456789abcdef@switchboard.local.eml");
        (await MimeMessage.LoadAsync(files[0])).MessageId.ShouldBe("0123456789abcdef@switchboard.local");
    }

    [Fact]
    public void The_outbox_refuses_an_address_that_could_carry_a_header()
    {
        var writer = new OutboxWriter(Options.Create(new EmailOptions()), new OutboxSignal());
        Should.Throw<ArgumentException>(() => writer.Add(null!, DateTime.UtcNow, "a@example.com\r\nBcc: b@example.com",
            Switchboard.Email.Templates.WelcomeMail.Compose("W", "N", "http://x/")));
    }

    [Theory]
    [InlineData(1, 1000, 1100)]
    [InlineData(2, 2000, 2200)]
    [InlineData(3, 4000, 4400)]
    [InlineData(10, 60000, 66000)]
    [InlineData(100, 60000, 66000)]
    public void Retries_back_off_exponentially_up_to_the_cap(int attempts, double atLeastMs, double atMostMs)
    {
        var wait = RetrySchedule.After(attempts, baseMs: 1000, maxMs: 60000).TotalMilliseconds;
        wait.ShouldBeGreaterThanOrEqualTo(atLeastMs);
        wait.ShouldBeLessThanOrEqualTo(atMostMs);
    }
}
