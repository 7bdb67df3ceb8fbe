namespace Switchboard.Email;

/// <summary>The Email section of the configuration (environment: Email__Transport, Email__Smtp__Host, …).</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>"pickup" (the embedded default: .eml files in a folder, no mail server needed) or "smtp".</summary>
    public string Transport { get; set; } = "pickup";

    /// <summary>Relative paths resolve against the working directory, like the SQLite file.</summary>
    public string PickupDirectory { get; set; } = "data/mail";

    public string From { get; set; } = "Switchboard <no-reply@switchboard.local>";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>How often the dispatcher looks for due mail when no request has woken it.</summary>
    public int PollIntervalMs { get; set; } = 1000;

    /// <summary>Off leaves mail in the outbox (for a node that should not send, or a test of a restart).</summary>
    public bool DispatcherEnabled { get; set; } = true;

    public int BatchSize { get; set; } = 20;

    /// <summary>First retry delay; each further failure doubles it, up to <see cref="RetryMaxMs"/>.</summary>
    public int RetryBaseMs { get; set; } = 2000;

    public int RetryMaxMs { get; set; } = 15 * 60 * 1000;

    /// <summary>How long a claimed row is reserved for the dispatcher that claimed it; longer than any send.</summary>
    public int ClaimSeconds { get; set; } = 120;
}

public sealed class SmtpOptions
{
    public string Host { get; set; } = "localhost";
    public int Port { get; set; } = 25;
    public string? User { get; set; }
    public string? Password { get; set; }

    /// <summary>"auto" (STARTTLS when offered; TLS on 465), "none", "starttls" or "tls".</summary>
    public string Security { get; set; } = "auto";

    public int TimeoutMs { get; set; } = 30_000;
}
