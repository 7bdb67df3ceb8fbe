using CsCheck;
using NodaTime;
using Switchboard.Domain;

namespace Switchboard.Tests.Routing;

/// <summary>
/// Business hours against the time-zone rules: random spans on random dates of ten years in zones with and
/// without daylight saving time (northern, southern, half-hour and 45-minute offsets), and every DST change of those
/// zones in the ten years: a span lasts its local length, corrected by exactly the offset change it crosses; it is
/// open from its first instant to the one before its last; the next opening is found.
/// </summary>
public sealed class BusinessHoursPropertyTests
{
    private static readonly string[] Zones =
    [
        "Europe/Berlin", "America/New_York", "Australia/Sydney", "America/Santiago", "Asia/Kolkata",
        "Europe/London", "Pacific/Auckland", "America/St_Johns", "Pacific/Chatham", "Australia/Lord_Howe",
    ];

    private static readonly LocalDate First = new(2026, 1, 1);
    private const int TenYears = 3652;

    private static LocalTime AtMinute(int minute) => new(minute / 60 % 24, minute % 60);

    /// <summary>Checks one span starting on one date (Shouldly throws to fail the property).</summary>
    private static void Check(string zoneId, LocalDate date, int fromMinute, int lengthMinutes)
    {
        var span = new BusinessHours.Span(date.DayOfWeek, AtMinute(fromMinute), AtMinute(fromMinute + lengthMinutes));
        var hours = new BusinessHours(zoneId, [span], []);
        var zone = hours.Zone;
        var (start, end) = hours.OpenOn(span, date);
        var localStart = date.At(span.From);
        var localEnd = date.At(span.From).PlusMinutes(lengthMinutes);
        // Local times the clocks skip or repeat are resolved by the documented rule; the exact-length property holds
        // for the others.
        if (zone.MapLocal(localStart).Count != 1 || zone.MapLocal(localEnd).Count != 1) return;

        start.InZone(zone).LocalDateTime.ShouldBe(localStart);
        end.InZone(zone).LocalDateTime.ShouldBe(localEnd);
        var offsetChange = zone.GetUtcOffset(end) - zone.GetUtcOffset(start);
        (end - start).ShouldBe(Duration.FromMinutes(lengthMinutes) - Duration.FromTimeSpan(offsetChange.ToTimeSpan()));

        hours.IsOpenAt(start).ShouldBeTrue();
        hours.IsOpenAt(start + (end - start) / 2).ShouldBeTrue();
        hours.IsOpenAt(end - Duration.FromSeconds(1)).ShouldBeTrue();
        hours.IsOpenAt(end).ShouldBeFalse();
        hours.IsOpenAt(start - Duration.FromSeconds(1)).ShouldBeFalse();
        hours.NextOpenAfter(start - Duration.FromMinutes(1)).ShouldBe(start);
        hours.NextOpenAfter(start).ShouldBeNull();
        // A holiday on the start date cancels it, and the next opening is a week later.
        var holiday = hours with { Holidays = [date] };
        holiday.IsOpenAt(start + (end - start) / 2).ShouldBeFalse();
        holiday.NextOpenAfter(start - Duration.FromMinutes(1)).ShouldBe(holiday.OpenOn(span, date.PlusWeeks(1)).Start);
    }

    [Fact]
    public void Random_spans_on_random_dates_of_ten_years_are_open_exactly_as_long_as_the_clocks_say()
    {
        Gen.Select(Gen.OneOf(Zones), Gen.Int[0, TenYears], Gen.Int[0, 1439], Gen.Int[1, 1440])
            .Sample((zone, day, from, length) => Check(zone, First.PlusDays(day), from, length), iter: 4000);
    }

    [Fact]
    public void Every_DST_change_of_ten_years_in_every_zone_shortens_or_lengthens_the_span_across_it()
    {
        var checkedChanges = 0;
        foreach (var zoneId in Zones)
        {
            var zone = DateTimeZoneProviders.Tzdb[zoneId];
            var from = First.AtStartOfDayInZone(zone).ToInstant();
            var to = First.PlusDays(TenYears).AtStartOfDayInZone(zone).ToInstant();
            foreach (var interval in zone.GetZoneIntervals(from, to).Skip(1))
            {
                // A night span from four hours before the change (local) to four hours after, and spans either side.
                var before = interval.Start.Minus(Duration.FromHours(4)).InZone(zone).LocalDateTime;
                var minute = before.Hour * 60 + before.Minute;
                Check(zoneId, before.Date, minute, 8 * 60);
                Check(zoneId, before.Date, minute, 24 * 60);
                Check(zoneId, before.Date, (minute + 23 * 60) % 1440, 10 * 60);
                checkedChanges++;
            }
        }
        checkedChanges.ShouldBeGreaterThan(150);
    }

    [Fact]
    public void A_Berlin_night_shift_is_an_hour_shorter_in_spring_and_longer_in_autumn()
    {
        var night = new BusinessHours.Span(IsoDayOfWeek.Saturday, new LocalTime(22, 0), new LocalTime(6, 0));
        var berlin = new BusinessHours("Europe/Berlin", [night], []);
        var (springStart, springEnd) = berlin.OpenOn(night, new LocalDate(2026, 3, 28));
        (springEnd - springStart).ShouldBe(Duration.FromHours(7));
        var (autumnStart, autumnEnd) = berlin.OpenOn(night, new LocalDate(2026, 10, 24));
        (autumnEnd - autumnStart).ShouldBe(Duration.FromHours(9));
        autumnStart.ShouldBe(Instant.FromUtc(2026, 10, 24, 20, 0));
        autumnEnd.ShouldBe(Instant.FromUtc(2026, 10, 25, 5, 0));
    }

    [Fact]
    public void Overlapping_spans_are_found_round_the_week_and_adjacent_ones_are_not()
    {
        BusinessHours.Span S(IsoDayOfWeek day, int from, int to) => new(day, new LocalTime(from, 0), new LocalTime(to, 0));
        BusinessHours.Overlap([S(IsoDayOfWeek.Monday, 9, 12), S(IsoDayOfWeek.Monday, 12, 17)]).ShouldBeNull();
        BusinessHours.Overlap([S(IsoDayOfWeek.Monday, 22, 6), S(IsoDayOfWeek.Tuesday, 5, 7)]).ShouldNotBeNull();
        BusinessHours.Overlap([S(IsoDayOfWeek.Sunday, 22, 6), S(IsoDayOfWeek.Monday, 5, 7)]).ShouldNotBeNull();
        BusinessHours.Overlap([S(IsoDayOfWeek.Sunday, 22, 6), S(IsoDayOfWeek.Monday, 6, 7)]).ShouldBeNull();
        BusinessHours.Overlap([S(IsoDayOfWeek.Wednesday, 0, 0), S(IsoDayOfWeek.Thursday, 0, 1)]).ShouldBeNull();
        BusinessHours.Overlap([S(IsoDayOfWeek.Wednesday, 1, 1), S(IsoDayOfWeek.Thursday, 0, 2)]).ShouldNotBeNull();
    }
}
