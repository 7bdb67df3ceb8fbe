using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Faces;
using Switchboard.Faces.PingBack;

using Switchboard.Tenancy;

namespace Switchboard.Features.Workspaces;

/// <summary>
/// GET/PATCH /api/v1/business: the caller's workspace profile — name, logo (shown on invite pages), website.
/// Only the owner changes it; a logo is an absolute http(s) URL, or null to remove it.
/// </summary>
public static class UpdateBusiness
{
    public sealed record Request(string? Name, string? Logo, string? Website);

    public static IResult Get(HttpContext http) => Answer.Value(WorkspaceView.From(http.Caller().Workspace));

    public static async Task<IResult> HandleAsync(HttpContext http, SwitchboardDb db, IDomainEvents events, TimeProvider time)
    {
        var caller = http.Caller();
        if (!caller.May(Permission.ManageWorkspace))
            return Answer.Refuse(Failure.OwnerOnly("Only the org owner can change the business profile"));
        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return Answer.Invalid([error]);
        var input = new Input(body);
        var name = input.Name("name", max: 255, required: false);
        var logo = Url(input, body, "logo");
        var website = Url(input, body, "website");
        if (!input.IsValid) return Answer.Invalid(input.Errors);

        await using var work = await WorkspaceWork.BeginAsync(db, events, caller);
        if (work is null) return Answer.Refuse(Failure.NotFound("Workspace not found"));
        var workspace = await db.Workspaces.FirstAsync(w => w.Id == caller.WorkspaceId);
        if (name is not null) workspace.Name = name;
        if (logo.Given) workspace.Logo = logo.Value;
        if (website.Given) workspace.Website = website.Value;
        AuditLog.Record(db, time.Now(), workspace.Id, caller.UserId, "business.updated", "workspace", workspace.Id,
            new { name = workspace.Name, logo = workspace.Logo, website = workspace.Website });
        work.Raise(new WorkspaceUpdated(workspace.Id));
        await work.CommitAsync();
        return Answer.Value(WorkspaceView.From(workspace));
    }

    /// <summary>Absent: unchanged; null: cleared; otherwise an absolute http(s) URL (the rule business creation uses too).</summary>
    private static (bool Given, string? Value) Url(Input input, JsonElement body, string field)
    {
        if (!body.TryGetProperty(field, out var raw)) return (false, null);
        if (raw.ValueKind == JsonValueKind.Null) return (true, null);
        var url = input.Url(field);
        return url is null ? (false, null) : (true, url);
    }
}
