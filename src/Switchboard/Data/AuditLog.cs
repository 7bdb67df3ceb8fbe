using System.Text.Json;
using Switchboard.Domain;

namespace Switchboard.Data;

/// <summary>Adds an audit row to the current unit of work, so it commits (or not) with the change it records.</summary>
public static class AuditLog
{
    public static void Record(SwitchboardDb db, DateTime at, Guid workspaceId, Guid? actor, string action,
        string? targetType = null, object? targetId = null, object? data = null, Guid? actorScimToken = null) =>
        db.AuditEvents.Add(new AuditEvent
        {
            WorkspaceId = workspaceId,
            ActorUserId = actor,
            ActorScimTokenId = actorScimToken,
            Action = action,
            TargetType = targetType,
            TargetId = targetId?.ToString(),
            Data = data is null ? null : JsonSerializer.Serialize(data, JsonSerializerOptions.Web),
            CreatedAt = at,
        });
}
