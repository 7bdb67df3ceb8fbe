using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Switchboard.Email.Transports;

/// <summary>Hands each message to an SMTP server through MailKit, authenticating when a user is configured.</summary>
public sealed class SmtpTransport(IOptions<EmailOptions> options) : IMailTransport
{
    private readonly SmtpOptions _smtp = options.Value.Smtp;

    public async Task SendAsync(MimeMessage message, CancellationToken cancel)
    {
        using var client = new SmtpClient { Timeout = _smtp.TimeoutMs };
        await client.ConnectAsync(_smtp.Host, _smtp.Port, Security(_smtp.Security), cancel);
        if (!string.IsNullOrEmpty(_smtp.User))
            await client.AuthenticateAsync(_smtp.User, _smtp.Password ?? "", cancel);
        await client.SendAsync(message, cancel);
        await client.DisconnectAsync(quit: true, cancel);
    }

    public static SecureSocketOptions Security(string? setting) => (setting ?? "auto").Trim().ToLowerInvariant() switch
    {
        "auto" => SecureSocketOptions.Auto,
        "none" => SecureSocketOptions.None,
        "starttls" => SecureSocketOptions.StartTls,
        "tls" or "ssl" => SecureSocketOptions.SslOnConnect,
        _ => throw new InvalidOperationException($"Unknown Email:Smtp:Security '{setting}': use auto, none, starttls or tls."),
    };
}
