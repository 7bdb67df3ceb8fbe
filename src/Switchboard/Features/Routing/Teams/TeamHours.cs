using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Faces;
using Switchboard.Faces.PingBack;
using Switchboard.Tenancy;

namespace Switchboard.Features.Routing.Teams;

/// <summary>
/// A team's business hours (<see cref="BusinessHours"/>): PUT replaces them (owner and admins), DELETE makes the
/// team always open again, GET reads them, GET …/open answers whether the team is open now and when it next opens.
/// Outside its hours a team's waiting conversations stay in the queue; the routing clock drains when it opens.
/// </summary>
public static class TeamHours
{
    public sealed record SpanView(string Day, string From, string To);

    public sealed record Request(string Timezone, IReadOnlyList<SpanView> Weekly, IReadOnlyList<string>? Holidays);

    public sealed record View(Guid TeamId, string? Timezone, IReadOnlyList<SpanView> Weekly, IReadOnlyList<string> Holidays,
        bool Open, string? NextOpenAt);

    public sealed record OpenView(bool Open, string? NextOpenAt);

    private const string ManagersOnly = "Only the org owner or admins can change a team's hours";

    public static async Task<IResult> PutAsync(HttpContext http, SwitchboardDb db, IDomainEvents events, TimeProvider time, string id)
    {
        var caller = http.Caller();
        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return Answer.Invalid([error]);
        var input = new Input(body);
        var hours = Read(input, body);
        if (!input.IsValid) return Answer.Invalid(input.Errors);

        await using var work = await WorkspaceWork.BeginAsync(db, events, caller);
        var team = work is null ? null : await ManageTeams.FindAsync(db, caller, id, tracked: true);
        if (team is null) return NotFound();
        if (!caller.May(Permission.AssignConversations)) return Answer.Refuse(Failure.Forbidden(ManagersOnly));
        team.Hours = HoursJson.Write(hours!);
        AuditLog.Record(db, time.Now(), caller.WorkspaceId, caller.UserId, "team.hours_changed", "team", team.Id,
            new { timezone = hours!.TimeZone, spans = hours.Weekly.Count, holidays = hours.Holidays.Count });
        work!.Raise(new RoutingChanged(caller.WorkspaceId));
        work.Raise(new TeamUpdated(caller.WorkspaceId, team.Id, TeamChange.Hours));
        await work.CommitAsync();
        return Answer.Value(ViewOf(team, time));
    }

    public static async Task<IResult> DeleteAsync(HttpContext http, SwitchboardDb db, IDomainEvents events, TimeProvider time, string id)
    {
        var caller = http.Caller();
        await using var work = await WorkspaceWork.BeginAsync(db, events, caller);
        var team = work is null ? null : await ManageTeams.FindAsync(db, caller, id, tracked: true);
        if (team is null) return NotFound();
        if (!caller.May(Permission.AssignConversations)) return Answer.Refuse(Failure.Forbidden(ManagersOnly));
        team.Hours = null;
        AuditLog.Record(db, time.Now(), caller.WorkspaceId, caller.UserId, "team.hours_changed", "team", team.Id, new { timezone = (string?)null });
        work!.Raise(new RoutingChanged(caller.WorkspaceId));
        work.Raise(new TeamUpdated(caller.WorkspaceId, team.Id, TeamChange.Hours));
        await work.CommitAsync();
        return Answer.Value(ViewOf(team, time));
    }

    public static async Task<IResult> GetAsync(HttpContext http, SwitchboardDb db, TimeProvider time, string id)
    {
        var team = await ManageTeams.FindAsync(db, http.Caller(), id);
        return team is null ? NotFound() : Answer.Value(ViewOf(team, time));
    }

    public static async Task<IResult> OpenAsync(HttpContext http, SwitchboardDb db, TimeProvider time, string id)
    {
        var team = await ManageTeams.FindAsync(db, http.Caller(), id);
        if (team is null) return NotFound();
        var view = ViewOf(team, time);
        return Answer.Value(new OpenView(view.Open, view.NextOpenAt));
    }

    private static View ViewOf(Domain.Team team, TimeProvider time)
    {
        if (HoursJson.Read(team.Hours) is not { } hours) return new View(team.Id, null, [], [], true, null);
        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        var open = hours.IsOpenAt(now);
        var next = open ? null : hours.NextOpenAfter(now);
        return new View(team.Id, hours.TimeZone, hours.Weekly.Select(HoursJson.ViewOf).ToList(),
            hours.Holidays.Select(d => d.ToString("yyyy-MM-dd", null)).ToList(), open,
            next is { } n ? PingBackFace.Timestamp(n.ToDateTimeUtc()) : null);
    }

    /// <summary>Reads and checks the body: a known IANA zone, well-formed spans that do not overlap, valid dates.</summary>
    private static BusinessHours? Read(Input input, JsonElement body)
    {
        var zone = input.String("timezone", required: true, max: 64);
        if (zone is not null && !BusinessHours.IsKnownZone(zone))
            input.Fail("timezone", FieldRule.Custom, message: $"unknown time zone '{zone}' (use an IANA name such as Europe/Berlin)");
        var spans = new List<BusinessHours.Span>();
        if (!body.TryGetProperty("weekly", out var weekly) || weekly.ValueKind != JsonValueKind.Array)
            input.Fail("weekly", FieldRule.Custom, message: "must be a list of {day, from, to}");
        else if (weekly.GetArrayLength() > BusinessHours.MaxSpans)
            input.Fail("weekly", FieldRule.Custom, message: $"at most {BusinessHours.MaxSpans} spans");
        else
            foreach (var item in weekly.EnumerateArray())
            {
                var day = BusinessHours.ParseDay(Text(item, "day"));
                var from = BusinessHours.ParseTime(Text(item, "from"), end: false);
                var to = BusinessHours.ParseTime(Text(item, "to"), end: true);
                if (day is null || from is null || to is null)
                {
                    input.Fail("weekly", FieldRule.Custom,
                        message: "each span is {day: mon|tue|wed|thu|fri|sat|sun, from: \"HH:mm\", to: \"HH:mm\" (or \"24:00\")}");
                    break;
                }
                spans.Add(new BusinessHours.Span(day.Value, from.Value, to.Value));
            }
        if (input.IsValid && BusinessHours.Overlap(spans) is var (a, b))
            input.Fail("weekly", FieldRule.Custom, message: $"spans overlap: {Describe(a)} and {Describe(b)}");
        var holidays = new List<LocalDate>();
        if (body.TryGetProperty("holidays", out var list) && list.ValueKind != JsonValueKind.Null)
        {
            if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() > BusinessHours.MaxHolidays)
                input.Fail("holidays", FieldRule.Custom, message: $"must be a list of at most {BusinessHours.MaxHolidays} dates");
            else
                foreach (var item in list.EnumerateArray())
                {
                    if (BusinessHours.ParseDate(item.ValueKind == JsonValueKind.String ? item.GetString() : null) is not { } date)
                    {
                        input.Fail("holidays", FieldRule.Custom, message: "each holiday is a date, \"YYYY-MM-DD\"");
                        break;
                    }
                    if (!holidays.Contains(date)) holidays.Add(date);
                }
        }
        return input.IsValid ? new BusinessHours(zone!, spans, holidays.Order().ToList()) : null;
    }

    private static string? Text(JsonElement item, string name) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() : null;

    private static string Describe(BusinessHours.Span span)
    {
        var view = HoursJson.ViewOf(span);
        return $"{view.Day} {view.From}–{view.To}";
    }

    private static IResult NotFound() => Answer.Refuse(Failure.NotFound("Team not found"));
}
