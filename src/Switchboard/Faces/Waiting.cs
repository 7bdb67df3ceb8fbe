namespace Switchboard.Faces;

/// <summary>"Try again in …" wording for 429 answers, so people know when rather than just "later".</summary>
public static class Waiting
{
    public static string Describe(TimeSpan wait)
    {
        if (wait <= TimeSpan.FromMinutes(1)) return $"{Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))} seconds";
        if (wait <= TimeSpan.FromHours(2)) return $"{(int)Math.Ceiling(wait.TotalMinutes)} minutes";
        return $"{(int)Math.Ceiling(wait.TotalHours)} hours";
    }
}
