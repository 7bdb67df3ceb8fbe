namespace Switchboard.Email;

/// <summary>A composed mail, before it has an addressee or an outbox row.</summary>
public sealed record MailContent(string Kind, string Subject, string Html, string Text);
