using Microsoft.Extensions.Options;
using MimeKit;
using Switchboard.Data;
using Switchboard.Domain;

namespace Switchboard.Email;

/// <summary>
/// Adds mail to the outbox inside the caller's unit of work, so it commits or rolls back with the change
/// that caused it. Sending happens later, in <see cref="MailDispatcher"/>; call <see cref="Wake"/> after commit.
/// </summary>
public sealed class OutboxWriter(IOptions<EmailOptions> options, OutboxSignal signal)
{
    private readonly string _domain = MailboxAddress.Parse(options.Value.From).Domain;

    /// <param name="workspaceId">The workspace the mail is sent for, when a budget of that workspace counts it (invitations).</param>
    public OutboxMessage Add(SwitchboardDb db, DateTime now, string to, MailContent mail, Guid? workspaceId = null)
    {
        if (!Domain.EmailAddress.IsWellFormed(to))
            throw new ArgumentException("Outbox addresses are validated before they get here.", nameof(to));
        var message = new OutboxMessage
        {
            // Fixed now, so every attempt (and a retry after a crash) carries the same Message-ID.
            MessageId = $"{Guid.NewGuid():N}@{_domain}",
            To = to,
            RecipientKey = Domain.EmailAddress.Normalize(to),
            MailboxKey = Domain.EmailAddress.MailboxKey(to),
            WorkspaceId = workspaceId,
            Subject = mail.Subject,
            HtmlBody = mail.Html,
            TextBody = mail.Text,
            Kind = mail.Kind,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        db.Outbox.Add(message);
        return message;
    }

    public void Wake() => signal.Wake();
}
