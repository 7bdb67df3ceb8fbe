namespace Switchboard.Email;

/// <summary>Exponential backoff between attempts: base, 2×base, 4×base, … capped, with a little jitter.</summary>
public static class RetrySchedule
{
    public static TimeSpan After(int attempts, int baseMs, int maxMs)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var delay = Math.Min((double)baseMs * Math.Pow(2, exponent), maxMs);
        // Up to 10% jitter keeps many failed rows from retrying in the same instant.
        return TimeSpan.FromMilliseconds(delay * (1 + Random.Shared.NextDouble() * 0.1));
    }
}
