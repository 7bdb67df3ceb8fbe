using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Switchboard.Domain;
using Switchboard.Faces;

namespace Switchboard.Features.Team;

/// <summary>
/// The members list's query string, shared by both faces: <c>?q=&amp;role=&amp;seat=&amp;status=&amp;sort=&amp;page=&amp;page_size=</c>.
/// Without any of them a list route answers exactly as before (every member, oldest first, the seeds' shape);
/// with any, it answers one page with its total. The order is always total (ties broken by membership id),
/// so pages never repeat or skip a member while nothing changes.
/// </summary>
public sealed record MemberQuery(string? Search, Role? Role, Seat? Seat, AgentStatus? Status, string Sort, bool Descending,
    int Page, int PageSize, Guid? Team = null)
{
    public const string Description =
        "Without parameters: every member, oldest first (unchanged). With any of q (name or email contains), " +
        "role (owner|admin|agent), seat (full|lite), status (live|away|offline), sort (name|email|role|seat|status|joined, " +
        "\"-\" first for descending; default joined), team (a team id: its members only; a team of another workspace " +
        "matches nobody), page (from 1) and page_size (1-100, default 50): one page, " +
        "ties broken by member id so the order is stable; a bad value is a 422 naming the parameter.";

    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 100;
    public const int MaxSearchLength = 255;
    /// <summary>What <c>sort</c> accepts; a leading "-" reverses it.</summary>
    public static readonly string[] Sorts = ["name", "email", "role", "seat", "status", "joined"];

    /// <summary>
    /// The parameters as the route binds them (all text, so a bad value is this face's 422, not a binding
    /// error); declared on the route so OpenAPI lists them.
    /// </summary>
    public sealed record Parameters(
        [property: Microsoft.AspNetCore.Mvc.FromQuery(Name = "q")] string? Q,
        [property: Microsoft.AspNetCore.Mvc.FromQuery(Name = "role")] string? Role,
        [property: Microsoft.AspNetCore.Mvc.FromQuery(Name = "seat")] string? Seat,
        [property: Microsoft.AspNetCore.Mvc.FromQuery(Name = "status")] string? Status,
        [property: Microsoft.AspNetCore.Mvc.FromQuery(Name = "sort")] string? Sort,
        [property: Microsoft.AspNetCore.Mvc.FromQuery(Name = "page"), WholeNumber] string? Page,
        [property: Microsoft.AspNetCore.Mvc.FromQuery(Name = "page_size"), WholeNumber] string? PageSize,
        [property: Microsoft.AspNetCore.Mvc.FromQuery(Name = "team")] string? Team = null);

    private static readonly string[] Names = ["q", "role", "seat", "status", "sort", "page", "page_size", "team"];

    /// <summary>True when the request names none of the list's parameters (the seeds' call).</summary>
    public static bool IsAbsent(HttpRequest request) => !Names.Any(request.Query.ContainsKey);

    /// <summary>Reads and checks every parameter, collecting each one at fault into <paramref name="input"/>.</summary>
    public static MemberQuery Parse(Parameters p, Input input)
    {
        var q = input.Check("q", p.Q, max: MaxSearchLength)?.Trim();
        var role = Choice<Role>(input, "role", p.Role);
        var seat = Choice<Seat>(input, "seat", p.Seat);
        var status = Choice<AgentStatus>(input, "status", p.Status);

        var sortText = p.Sort;
        var sort = "joined";
        var descending = false;
        if (!string.IsNullOrEmpty(sortText))
        {
            descending = sortText.StartsWith('-');
            var name = descending ? sortText[1..] : sortText;
            if (Sorts.Contains(name, StringComparer.Ordinal)) sort = name;
            else input.Fail("sort", FieldRule.OneOf, string.Join(", ", Sorts.SelectMany(s => new[] { s, "-" + s })));
        }
        var page = Whole(input, "page", p.Page, 1, 1_000_000);
        var pageSize = Whole(input, "page_size", p.PageSize, DefaultPageSize, MaxPageSize);
        Guid? team = null;
        if (!string.IsNullOrEmpty(p.Team))
        {
            if (Guid.TryParse(p.Team, out var teamId)) team = teamId;
            else input.Fail("team", FieldRule.Custom, message: "must be a team id");
        }
        return new MemberQuery(string.IsNullOrEmpty(q) ? null : q, role, seat, status, sort, descending, page, pageSize, team);
    }

    /// <summary>The parsed query as one string: the cache keeps one entry per distinct query, never sharing pages.</summary>
    public string Key =>
        // The search goes first with its length, so no text in it can pass for the fields after it.
        string.Join('|', (Search?.Length ?? -1).ToString(CultureInfo.InvariantCulture), Search ?? "", Role?.Wire() ?? "", Seat?.Wire() ?? "", Status?.Wire() ?? "",
            (Descending ? "-" : "") + Sort, Page.ToString(CultureInfo.InvariantCulture), PageSize.ToString(CultureInfo.InvariantCulture), Team?.ToString("N") ?? "");

    /// <summary>
    /// Filters and orders the workspace's memberships (their users must be reachable through <c>m.User</c>);
    /// <paramref name="teamMembers"/> is where a <c>team</c> filter looks.
    /// </summary>
    public IQueryable<Membership> Apply(IQueryable<Membership> members, IQueryable<TeamMember> teamMembers)
    {
        // The memberships are already this workspace's, so another workspace's team id simply matches nobody.
        if (Team is { } team)
            members = members.Where(m => teamMembers.Any(t => t.TeamId == team && t.MembershipId == m.Id));
        if (Role is { } role) members = members.Where(m => m.Role == role);
        if (Seat is { } seat) members = members.Where(m => m.Seat == seat);
        if (Status is { } status) members = members.Where(m => m.Status == status);
        if (Search is { } search)
        {
            // Emails against their normal form (NFKC + case fold, as every comparison); names lower-cased
            // on both sides. Contains is translated without LIKE wildcards, so "%" and "_" match themselves.
            var email = EmailAddress.Normalize(search);
            var name = search.ToLowerInvariant();
            members = members.Where(m => m.User!.NormalizedEmail.Contains(email) || m.User!.Name.ToLower().Contains(name));
        }
        return (Sort, Descending) switch
        {
            ("name", false) => members.OrderBy(m => m.User!.Name.ToLower()).ThenBy(m => m.Id),
            ("name", true) => members.OrderByDescending(m => m.User!.Name.ToLower()).ThenBy(m => m.Id),
            ("email", false) => members.OrderBy(m => m.User!.NormalizedEmail).ThenBy(m => m.Id),
            ("email", true) => members.OrderByDescending(m => m.User!.NormalizedEmail).ThenBy(m => m.Id),
            // Enums are stored as their names, so rank them explicitly: owner, admin, agent; live, away, offline.
            ("role", false) => members.OrderBy(RoleRank).ThenBy(m => m.User!.Name.ToLower()).ThenBy(m => m.Id),
            ("role", true) => members.OrderByDescending(RoleRank).ThenBy(m => m.User!.Name.ToLower()).ThenBy(m => m.Id),
            ("seat", false) => members.OrderBy(m => m.Seat == Domain.Seat.Full ? 0 : 1).ThenBy(m => m.User!.Name.ToLower()).ThenBy(m => m.Id),
            ("seat", true) => members.OrderByDescending(m => m.Seat == Domain.Seat.Full ? 0 : 1).ThenBy(m => m.User!.Name.ToLower()).ThenBy(m => m.Id),
            ("status", false) => members.OrderBy(StatusRank).ThenBy(m => m.User!.Name.ToLower()).ThenBy(m => m.Id),
            ("status", true) => members.OrderByDescending(StatusRank).ThenBy(m => m.User!.Name.ToLower()).ThenBy(m => m.Id),
            (_, false) => members.OrderBy(m => m.InvitedAt).ThenBy(m => m.Id),
            (_, true) => members.OrderByDescending(m => m.InvitedAt).ThenBy(m => m.Id),
        };
    }

    /// <summary>The page's rows and the total that matched, read in one short transaction-free pass.</summary>
    public async Task<(List<T> Rows, int Total)> ReadAsync<T>(IQueryable<Membership> members, IQueryable<TeamMember> teamMembers,
        System.Linq.Expressions.Expression<Func<Membership, T>> select)
    {
        var filtered = Apply(members, teamMembers);
        var total = await filtered.CountAsync();
        var rows = total == 0 || (long)(Page - 1) * PageSize >= total
            ? []
            : await filtered.Skip((Page - 1) * PageSize).Take(PageSize).Select(select).ToListAsync();
        return (rows, total);
    }

    private static readonly System.Linq.Expressions.Expression<Func<Membership, int>> RoleRank =
        m => m.Role == Domain.Role.Owner ? 0 : m.Role == Domain.Role.Admin ? 1 : 2;

    private static readonly System.Linq.Expressions.Expression<Func<Membership, int>> StatusRank =
        m => m.Status == AgentStatus.Live ? 0 : m.Status == AgentStatus.Away ? 1 : 2;

    public int LastPage(int total) => Math.Max(1, (total + PageSize - 1) / PageSize);

    private static T? Choice<T>(Input input, string field, string? text) where T : struct, Enum
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (WireNames.TryParseWire<T>(text, out var value)) return value;
        input.Fail(field, FieldRule.OneOf, WireNames.Choices<T>());
        return null;
    }

    private static int Whole(Input input, string field, string? text, int fallback, int max)
    {
        if (string.IsNullOrEmpty(text)) return fallback;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1 && value <= max)
            return value;
        input.Fail(field, FieldRule.Custom, message: $"must be a whole number from 1 to {max}");
        return fallback;
    }
}
