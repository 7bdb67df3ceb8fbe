using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Faces;
using Switchboard.Tenancy;

namespace Switchboard.Features.Routing;

/// <summary>Reading and changing routing settings and member capacities; shared by both faces.</summary>
public static class RoutingSettings
{
    public sealed record Request(string? Mode, int? DefaultCapacity, int? ReassignAfterMinutes,
        int? SkillsFallbackSeconds = null, RoutingView.SlaTargets? Sla = null, int? OfferTimeoutSeconds = null,
        int? OfferLapsesBeforeAway = null, Guid? AfterHoursTeamId = null);
    public sealed record CapacityRequest(int? Capacity);

    public const int MaxCapacity = 1000;
    /// <summary>A week: longer fallbacks and targets are surely typos.</summary>
    public const int MaxSeconds = 7 * 24 * 3600;
    /// <summary>An offer shorter than this cannot be read and answered; one longer than an hour leaves a customer waiting.</summary>
    public const int MinOfferSeconds = 5, MaxOfferSeconds = 3600;
    public const int MaxLapsesBeforeAway = 100;

    public static Task<IResult> GetAsync(HttpContext http, SwitchboardDb db, WorkspaceCache cache)
    {
        var workspaceId = http.Caller().WorkspaceId;
        return cache.JsonAsync(http, "routing", workspaceId, async () => await RoutingView.LoadAsync(db, workspaceId),
            readsQueue: true);
    }

    public static async Task<IResult> UpdateAsync(HttpContext http, SwitchboardDb db, IDomainEvents events, TimeProvider time)
    {
        var caller = http.Caller();
        if (!caller.May(Permission.ManageWorkspace))
            return Answer.Refuse(Failure.OwnerOnly("Only the org owner can change routing"));
        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return Answer.Invalid([error]);
        var input = new Input(body);
        var mode = input.Choice<RoutingMode>("mode", input.String("mode", max: 16));
        var capacity = input.Int("default_capacity", 1, MaxCapacity);
        var reassignGiven = body.TryGetProperty("reassign_after_minutes", out var reassignValue);
        var reassign = input.Int("reassign_after_minutes", 1, 24 * 60);
        var fallbackGiven = body.TryGetProperty("skills_fallback_seconds", out var fallbackValue);
        var fallback = input.Int("skills_fallback_seconds", 1, MaxSeconds);
        var sla = ReadSla(input, body);
        var offerTimeout = input.Int("offer_timeout_seconds", MinOfferSeconds, MaxOfferSeconds);
        var lapses = input.Int("offer_lapses_before_away", 1, MaxLapsesBeforeAway);
        var afterHoursGiven = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("after_hours_team_id", out _);
        var afterHours = input.Uuid("after_hours_team_id", input.String("after_hours_team_id", max: 64), required: false);
        if (afterHours is { } team && !await db.Teams.AnyAsync(t => t.Id == team && t.WorkspaceId == caller.WorkspaceId))
            input.Fail("after_hours_team_id", FieldRule.Custom, message: "unknown team: create it under /team/teams first");
        if (!input.IsValid) return Answer.Invalid(input.Errors);

        await using var work = await WorkspaceWork.BeginAsync(db, events, caller);
        if (work is null) return Answer.Refuse(Failure.NotFound("Workspace not found"));
        var workspace = await db.Workspaces.FirstAsync(w => w.Id == caller.WorkspaceId);
        if (mode is { } m) workspace.RoutingMode = m;
        if (capacity is { } c) workspace.DefaultCapacity = c;
        if (reassignGiven) workspace.ReassignAfterMinutes = reassignValue.ValueKind == JsonValueKind.Null ? null : reassign;
        if (offerTimeout is { } timeout) workspace.OfferTimeoutSeconds = timeout;
        if (lapses is { } l) workspace.OfferLapsesBeforeAway = l;
        if (afterHoursGiven) workspace.AfterHoursTeamId = afterHours;
        if (fallbackGiven) workspace.SkillsFallbackSeconds = fallbackValue.ValueKind == JsonValueKind.Null ? null : fallback;
        var slaChanged = sla.Count > 0;
        foreach (var (priority, seconds) in sla)
        {
            switch (priority)
            {
                case Priority.Low: workspace.SlaLowSeconds = seconds; break;
                case Priority.Normal: workspace.SlaNormalSeconds = seconds; break;
                case Priority.High: workspace.SlaHighSeconds = seconds; break;
                case Priority.Urgent: workspace.SlaUrgentSeconds = seconds; break;
            }
        }
        if (slaChanged)
        {
            // Targets still running follow the new setting (measured from each conversation's creation).
            var now = time.Now();
            var running = await db.Conversations.Where(c => c.WorkspaceId == workspace.Id && c.FirstResponseAt == null
                && (c.Status == ConversationStatus.Open || c.Status == ConversationStatus.Pending)).ToListAsync();
            foreach (var conversation in running) conversation.ApplySla(workspace, now);
        }
        AuditLog.Record(db, time.Now(), workspace.Id, caller.UserId, "routing.changed", "workspace", workspace.Id,
            new { mode = workspace.RoutingMode.Wire(), default_capacity = workspace.DefaultCapacity,
                reassign_after_minutes = workspace.ReassignAfterMinutes, skills_fallback_seconds = workspace.SkillsFallbackSeconds,
                sla = RoutingView.SlaTargets.Of(workspace), offer_timeout_seconds = workspace.OfferTimeoutSeconds,
                offer_lapses_before_away = workspace.OfferLapsesBeforeAway, after_hours_team_id = workspace.AfterHoursTeamId });
        work.Raise(new RoutingChanged(workspace.Id));
        await work.CommitAsync();
        return Answer.Value(await RoutingView.LoadAsync(db, workspace.Id));
    }

    /// <summary>
    /// sla: {"urgent": 300, "high": 900, ...}: only the priorities given change; null removes a target. An unknown
    /// priority or a value out of range is a 422 on "sla".
    /// </summary>
    private static List<(Priority, int?)> ReadSla(Input input, JsonElement body)
    {
        var changes = new List<(Priority, int?)>();
        if (!body.TryGetProperty("sla", out var sla) || sla.ValueKind == JsonValueKind.Null) return changes;
        if (sla.ValueKind != JsonValueKind.Object)
        {
            input.Fail("sla", FieldRule.Type, "object");
            return changes;
        }
        foreach (var target in sla.EnumerateObject())
        {
            if (!WireNames.TryParseWire<Priority>(target.Name, out var priority))
            {
                input.Fail("sla", FieldRule.Custom, message: $"'{(target.Name.Length > 20 ? target.Name[..20] : target.Name)}' is not a priority: {WireNames.Choices<Priority>()}");
                continue;
            }
            if (target.Value.ValueKind == JsonValueKind.Null) changes.Add((priority, null));
            else if (target.Value.ValueKind == JsonValueKind.Number && target.Value.TryGetInt32(out var seconds) && seconds is >= 1 and <= MaxSeconds)
                changes.Add((priority, seconds));
            else input.Fail("sla", FieldRule.Custom, message: $"{priority.Wire()} must be a number of seconds between 1 and {MaxSeconds}, or null");
        }
        return changes;
    }

    /// <summary>PUT …/members/{id}/capacity {capacity}: a member's own limit, or null to use the workspace default.</summary>
    public static async Task<IResult> SetCapacityAsync(HttpContext http, SwitchboardDb db, IDomainEvents events,
        TimeProvider time, string id)
    {
        var caller = http.Caller();
        var path = Input.Empty("path");
        var memberId = path.Uuid("member_id", id);
        if (!path.IsValid) return Answer.Invalid(path.Errors);
        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return Answer.Invalid([error]);
        var input = new Input(body);
        if (!body.TryGetProperty("capacity", out _)) input.Fail("capacity", FieldRule.Required);
        var capacity = input.Int("capacity", 0, MaxCapacity);
        if (!input.IsValid) return Answer.Invalid(input.Errors);

        await using var work = await WorkspaceWork.BeginAsync(db, events, caller);
        if (work is null) return Answer.Refuse(Failure.NotFound("Team member not found"));
        var member = await db.Memberships.FirstOrDefaultAsync(m => m.Id == memberId && m.WorkspaceId == caller.WorkspaceId);
        if (member is null) return Answer.Refuse(Failure.NotFound("Team member not found"));
        if (!caller.May(Permission.AssignConversations))
            return Answer.Refuse(Failure.Forbidden("Only the org owner or admins can change capacity"));
        member.Capacity = capacity;
        AuditLog.Record(db, time.Now(), caller.WorkspaceId, caller.UserId, "capacity.changed", "membership", member.Id,
            new { capacity });
        work.Raise(new RoutingChanged(caller.WorkspaceId));
        await work.CommitAsync();
        return Answer.Value(await RoutingView.LoadAsync(db, caller.WorkspaceId));
    }

}
