using Microsoft.Extensions.Options;
using MimeKit;
using Switchboard.Email.Transports;

namespace Switchboard.Email;

public static class EmailSetup
{
    /// <summary>Outbox writer, templates' links, the chosen transport and the background dispatcher.</summary>
    public static IServiceCollection AddSwitchboardEmail(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<EmailOptions>()
            .Bind(config.GetSection(EmailOptions.Section))
            .Validate(o => MailboxAddress.TryParse(o.From, out var from) && Domain.EmailAddress.IsWellFormed(from.Address),
                "Email:From must be an address such as \"Switchboard <no-reply@example.com>\"")
            .Validate(o => o.Transport.Trim().ToLowerInvariant() is "pickup" or "smtp",
                "Email:Transport must be pickup or smtp")
            .Validate(o => o.PollIntervalMs > 0 && o.BatchSize > 0 && o.RetryBaseMs > 0 && o.RetryMaxMs >= o.RetryBaseMs
                && o.ClaimSeconds > 0 && o.ClaimSeconds * 1000 > 2 * o.Smtp.TimeoutMs, "Email: PollIntervalMs, BatchSize, RetryBaseMs, ClaimSeconds must be positive, and ClaimSeconds more than twice Smtp:TimeoutMs")
            .ValidateOnStart();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxWriter>();
        services.AddSingleton<PublicLinks>();
        services.AddSingleton<IMailTransport>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<EmailOptions>>();
            return options.Value.Transport.Trim().ToLowerInvariant() == "smtp"
                ? new SmtpTransport(options)
                : new PickupFolderTransport(options);
        });
        services.AddHostedService<MailDispatcher>();
        return services;
    }
}
