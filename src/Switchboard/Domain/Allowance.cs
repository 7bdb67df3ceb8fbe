namespace Switchboard.Domain;

/// <summary>
/// "At most <c>limit</c> in any <c>window</c>", counted from the times of the recent ones as stored: used where
/// the count must hold on every node (confirmation mails per account, invitation mails per address), so it is
/// kept in the database rather than in a node's rate limiter.
/// </summary>
public static class Allowance
{
    /// <summary>
    /// Null when one more may happen now; else how long until the oldest of the last <paramref name="limit"/>
    /// leaves the window. <paramref name="newestFirst"/>: the times within the window, newest first (at least
    /// the newest <paramref name="limit"/> of them).
    /// </summary>
    public static TimeSpan? Wait(IReadOnlyList<DateTime> newestFirst, int limit, TimeSpan window, DateTime now) =>
        newestFirst.Count < limit ? null : newestFirst[limit - 1] + window - now;
}
