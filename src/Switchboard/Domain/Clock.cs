namespace Switchboard.Domain;

public static class Clock
{
    /// <summary>UTC now truncated to microseconds: what PostgreSQL keeps, so a value reads back as written.</summary>
    public static DateTime Now(this TimeProvider time)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - now.Ticks % 10, DateTimeKind.Utc);
    }
}
