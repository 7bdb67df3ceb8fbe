using System.Text.RegularExpressions;
using MimeKit;

namespace Switchboard.Tests.Email;

/// <summary>A folder of received .eml files (the pickup transport's, or the SMTP sink's), read with MimeKit.</summary>
public sealed partial class MailDrop(string directory)
{
    public string Directory { get; } = directory;

    public IReadOnlyList<MimeMessage> All()
    {
        if (!System.IO.Directory.Exists(Directory)) return [];
        // Both writers move finished files into place under *.eml, so every match is complete.
        return System.IO.Directory.GetFiles(Directory, "*.eml")
            .OrderBy(File.GetLastWriteTimeUtc).ThenBy(f => f, StringComparer.Ordinal)
            .Select(f => MimeMessage.Load(f)).ToList();
    }

    public IReadOnlyList<MimeMessage> To(string address) =>
        All().Where(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, address, StringComparison.OrdinalIgnoreCase))).ToList();

    /// <summary>Waits (through <see cref="Polling"/>) for the dispatcher, which sends in the background.</summary>
    public async Task<MimeMessage> WaitForAsync(string to, string kind = "invite", int count = 1, TimeSpan? timeout = null)
    {
        List<MimeMessage> Found() => To(to).Where(m => m.Headers["X-Switchboard-Kind"] == kind).ToList();
        try
        {
            return await Polling.ForAsync(() => Found() is { } found && found.Count >= count ? found[^1] : null,
                $"{count} '{kind}' mail(s) to {to}", timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No {count} '{kind}' mail(s) to {to} in {Directory} (have {Found().Count}).");
        }
    }

    public static Guid InviteId(MimeMessage mail)
    {
        var match = InviteLink().Match(mail.TextBody ?? "");
        match.Success.ShouldBeTrue($"no invite link in: {mail.TextBody}");
        return Guid.Parse(match.Groups[1].Value);
    }

    [GeneratedRegex(@"http://localhost:5080/invite/([0-9a-f-]{36})")]
    private static partial Regex InviteLink();
}
