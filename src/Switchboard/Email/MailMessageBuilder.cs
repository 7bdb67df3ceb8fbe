using MimeKit;
using Switchboard.Domain;

namespace Switchboard.Email;

/// <summary>Turns an outbox row into a MIME message: HTML and plain-text alternatives, the row's Message-ID.</summary>
public static class MailMessageBuilder
{
    public static MimeMessage Build(OutboxMessage row, string from)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        // The address passed EmailAddress.IsWellFormed when it was written: no display name, no header to smuggle.
        message.To.Add(new MailboxAddress("", row.To));
        message.Subject = row.Subject;
        message.MessageId = row.MessageId;
        message.Date = new DateTimeOffset(row.CreatedAt, TimeSpan.Zero);
        message.Body = new BodyBuilder { TextBody = row.TextBody, HtmlBody = row.HtmlBody }.ToMessageBody();
        message.Headers.Add("X-Switchboard-Kind", row.Kind);
        return message;
    }
}
