namespace Switchboard.Domain;

/// <summary>A mail written in the same transaction as the change that caused it; a dispatcher sends it later.</summary>
public sealed class OutboxMessage
{
    public Guid Id { get; init; } = Guid.NewGuid();
    /// <summary>Stable RFC 5322 Message-ID, so a resend after a crash is recognisable as the same mail.</summary>
    public required string MessageId { get; init; }
    public required string To { get; init; }
    /// <summary>The normal form of <see cref="To"/>, so mail to one person is counted however it was spelled.</summary>
    public string RecipientKey { get; init; } = "";
    /// <summary>
    /// <see cref="EmailAddress.MailboxKey"/> of <see cref="To"/> (no <c>+tag</c>): what per-recipient mail caps
    /// count, so tagged spellings of one inbox share one cap.
    /// </summary>
    public string MailboxKey { get; init; } = "";
    /// <summary>The workspace whose action caused the mail (invitations), for its daily mail budget; null otherwise.</summary>
    public Guid? WorkspaceId { get; init; }
    public required string Subject { get; init; }
    public required string HtmlBody { get; init; }
    public required string TextBody { get; init; }
    public required string Kind { get; init; }
    public DateTime CreatedAt { get; init; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? ClaimedUntil { get; set; }
    public DateTime? SentAt { get; set; }
    public string? LastError { get; set; }
}
