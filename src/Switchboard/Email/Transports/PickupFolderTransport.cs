using Microsoft.Extensions.Options;
using MimeKit;

namespace Switchboard.Email.Transports;

/// <summary>
/// Writes each message as an .eml file named after its Message-ID, the way a mail server's pickup folder
/// expects: a resend of the same message replaces its file instead of adding a second one.
/// </summary>
public sealed class PickupFolderTransport(IOptions<EmailOptions> options) : IMailTransport
{
    public string Directory { get; } = Path.GetFullPath(options.Value.PickupDirectory);

    public async Task SendAsync(MimeMessage message, CancellationToken cancel)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var name = FileName(message.MessageId ?? throw new ArgumentException("The outbox gives every message an id."));
        var temporary = Path.Combine(Directory, $".{name}.{Guid.NewGuid():N}.tmp");
        // Written aside and moved in, so whatever watches the folder never reads half a message.
        await message.WriteToAsync(temporary, cancel);
        File.Move(temporary, Path.Combine(Directory, name), overwrite: true);
    }

    private static string FileName(string messageId) =>
        new string(messageId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@' ? c : '_').ToArray()) + ".eml";
}
