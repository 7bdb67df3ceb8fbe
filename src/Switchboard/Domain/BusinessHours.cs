using NodaTime;
using NodaTime.Text;
using NodaTime.TimeZones;

namespace Switchboard.Domain;

/// <summary>
/// A team's working week in an IANA time zone, with holidays. Each span opens on its day at <see cref="Span.From"/>
/// (local time) and closes at <see cref="Span.To"/>: the same day when To is later, else the next day (22:00–06:00
/// runs through the night; From = To is 24 hours). Spans are turned into instants by NodaTime's time-zone rules,
/// never by hand-made offsets, so a night across a DST change is an hour shorter or longer, as the clocks say. A
/// local time the clocks skip (spring forward) is read as the first instant after the gap; one they repeat (fall
/// back), as its first occurrence. A holiday cancels the spans that start on that date.
/// </summary>
public sealed record BusinessHours(string TimeZone, IReadOnlyList<BusinessHours.Span> Weekly, IReadOnlyList<LocalDate> Holidays)
{
    public sealed record Span(IsoDayOfWeek Day, LocalTime From, LocalTime To)
    {
        /// <summary>Minutes from Monday 00:00 to the start, and the length in minutes: the span on the weekly circle.</summary>
        internal (int Start, int Minutes) OnWeek()
        {
            int from = From.Hour * 60 + From.Minute, to = To.Hour * 60 + To.Minute;
            return (((int)Day - 1) * 1440 + from, to > from ? to - from : 1440 - (from - to));
        }
    }

    public const int MaxSpans = 50;
    public const int MaxHolidays = 400;
    private static readonly string[] DayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    public DateTimeZone Zone => DateTimeZoneProviders.Tzdb[TimeZone];

    public static string Wire(IsoDayOfWeek day) => DayNames[(int)day - 1];

    public static IsoDayOfWeek? ParseDay(string? text)
    {
        var index = Array.IndexOf(DayNames, text);
        return index < 0 ? null : (IsoDayOfWeek)(index + 1);
    }

    public static bool IsKnownZone(string? zone) => zone is not null && DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone) is not null;

    /// <summary>"HH:mm", 00:00 to 23:59; "24:00" is midnight at the end of the day (only as an end).</summary>
    public static LocalTime? ParseTime(string? text, bool end)
    {
        if (end && text == "24:00") return LocalTime.Midnight;
        var parsed = LocalTimePattern.CreateWithInvariantCulture("HH':'mm").Parse(text ?? "");
        return parsed.Success ? parsed.Value : null;
    }

    public static LocalDate? ParseDate(string? text)
    {
        var parsed = LocalDatePattern.Iso.Parse(text ?? "");
        return parsed.Success ? parsed.Value : null;
    }

    /// <summary>The first pair of spans that overlap on the weekly circle (they would open the team twice), if any.</summary>
    public static (Span, Span)? Overlap(IReadOnlyList<Span> spans)
    {
        const int week = 7 * 1440;
        for (var i = 0; i < spans.Count; i++)
        for (var j = i + 1; j < spans.Count; j++)
        {
            var (a, aLength) = spans[i].OnWeek();
            var (b, bLength) = spans[j].OnWeek();
            // b starts inside a, or a inside b, going round the week.
            if ((b - a + week) % week < aLength || (a - b + week) % week < bLength) return (spans[i], spans[j]);
        }
        return null;
    }

    /// <summary>The instants one span is open, when it starts on a given local date.</summary>
    public (Instant Start, Instant End) OpenOn(Span span, LocalDate date)
    {
        var zone = Zone;
        var start = date.At(span.From);
        var end = (span.To > span.From ? date : date.PlusDays(1)).At(span.To);
        return (zone.ResolveLocal(start, Resolvers.LenientResolver).ToInstant(),
                zone.ResolveLocal(end, Resolvers.LenientResolver).ToInstant());
    }

    private bool IsHoliday(LocalDate date) => Holidays.Contains(date);

    public bool IsOpenAt(Instant instant)
    {
        var today = instant.InZone(Zone).Date;
        // A span open now started today or yesterday (spans last at most a day); a DST gap can push a start a
        // little past its date, so the day before yesterday is looked at too.
        for (var date = today.PlusDays(-2); date <= today; date = date.PlusDays(1))
        {
            if (IsHoliday(date)) continue;
            foreach (var span in Weekly.Where(s => s.Day == date.DayOfWeek))
            {
                var (start, end) = OpenOn(span, date);
                if (start <= instant && instant < end) return true;
            }
        }
        return false;
    }

    /// <summary>
    /// When the team next opens after <paramref name="instant"/> (null when open now, or when no span ever opens
    /// again: no spans, or holidays cover every one within the search window of 400 days).
    /// </summary>
    public Instant? NextOpenAfter(Instant instant)
    {
        if (IsOpenAt(instant) || Weekly.Count == 0) return null;
        var today = instant.InZone(Zone).Date;
        for (var date = today.PlusDays(-1); date <= today.PlusDays(MaxHolidays + 8); date = date.PlusDays(1))
        {
            if (IsHoliday(date)) continue;
            var starts = Weekly.Where(s => s.Day == date.DayOfWeek).Select(s => OpenOn(s, date))
                .Where(o => o.Start > instant && o.End > o.Start).Select(o => o.Start).ToList();
            if (starts.Count > 0) return starts.Min();
        }
        return null;
    }
}
