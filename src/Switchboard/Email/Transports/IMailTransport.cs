using MimeKit;

namespace Switchboard.Email.Transports;

/// <summary>Where the dispatcher hands a finished message. Throwing means "not sent, try again later".</summary>
public interface IMailTransport
{
    Task SendAsync(MimeMessage message, CancellationToken cancel);
}
