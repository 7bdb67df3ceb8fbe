using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Switchboard.Domain;

namespace Switchboard.Data;

/// <summary>
/// Brings stored email keys to the current <see cref="EmailAddress.Normalize"/> after an upgrade. Releases
/// before it lower-cased only, which agrees with NFKC + case fold on every ASCII address, so only rows with
/// a non-ASCII character can differ: those are read and rewritten here at start. A row whose new key would
/// collide with another account's keeps its old key (both accounts keep working; the log says which).
/// </summary>
public static class EmailKeyUpgrade
{
    public static async Task RunAsync(SwitchboardDb db, ILogger logger)
    {
        var postgres = db.Database.IsNpgsql();
        var users = await (postgres
            ? db.Users.Where(u => Regex.IsMatch(u.Email, NonAsciiPattern))
            : db.Users.Where(u => EF.Functions.Glob(u.Email, NonAsciiGlob))).ToListAsync();
        foreach (var user in users)
        {
            var key = EmailAddress.Normalize(user.Email);
            if (key == user.NormalizedEmail) continue;
            if (await db.Users.AnyAsync(u => u.NormalizedEmail == key && u.Id != user.Id))
            {
                logger.LogWarning("User {UserId}: the normal form of their address is taken by another account; old key kept", user.Id);
                continue;
            }
            user.NormalizedEmail = key;
        }
        var invites = await (postgres
            ? db.Invites.Where(i => Regex.IsMatch(i.Email, NonAsciiPattern))
            : db.Invites.Where(i => EF.Functions.Glob(i.Email, NonAsciiGlob))).ToListAsync();
        foreach (var invite in invites)
        {
            var key = EmailAddress.Normalize(invite.Email);
            if (key == invite.NormalizedEmail) continue;
            if (await db.Invites.AnyAsync(i => i.WorkspaceId == invite.WorkspaceId && i.NormalizedEmail == key && i.Id != invite.Id))
                continue;
            invite.NormalizedEmail = key;
        }
        await db.SaveChangesAsync();
    }

    // A character outside printable ASCII somewhere in the address, in each database's own matcher.
    private const string NonAsciiPattern = "[^ -~]";
    private const string NonAsciiGlob = "*[^ -~]*";
}
