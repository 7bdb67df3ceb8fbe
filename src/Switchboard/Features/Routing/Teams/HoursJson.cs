using System.Text.Json;
using NodaTime;
using Switchboard.Domain;

namespace Switchboard.Features.Routing.Teams;

/// <summary>How a team's <see cref="BusinessHours"/> are stored in its hours column: the same JSON the PUT takes.</summary>
public static class HoursJson
{
    private sealed record Stored(string Timezone, List<TeamHours.SpanView> Weekly, List<string> Holidays);

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static TeamHours.SpanView ViewOf(BusinessHours.Span span) =>
        new(BusinessHours.Wire(span.Day), Time(span.From), span.To == LocalTime.Midnight && span.From != LocalTime.Midnight ? "24:00" : Time(span.To));

    private static string Time(LocalTime time) => $"{time.Hour:00}:{time.Minute:00}";

    public static string Write(BusinessHours hours) => JsonSerializer.Serialize(new Stored(hours.TimeZone,
        hours.Weekly.Select(ViewOf).ToList(), hours.Holidays.Select(d => d.ToString("yyyy-MM-dd", null)).ToList()), Options);

    /// <summary>Null when the team keeps no hours (always open).</summary>
    public static BusinessHours? Read(string? json)
    {
        if (json is null) return null;
        var stored = JsonSerializer.Deserialize<Stored>(json, Options)!;
        return new BusinessHours(stored.Timezone,
            stored.Weekly.Select(s => new BusinessHours.Span(BusinessHours.ParseDay(s.Day)!.Value,
                BusinessHours.ParseTime(s.From, end: false)!.Value, BusinessHours.ParseTime(s.To, end: true)!.Value)).ToList(),
            stored.Holidays.Select(d => BusinessHours.ParseDate(d)!.Value).ToList());
    }
}
