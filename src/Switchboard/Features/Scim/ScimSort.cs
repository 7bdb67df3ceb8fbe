using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Switchboard.Data;

namespace Switchboard.Features.Scim;

/// <summary>
/// sortBy and sortOrder (RFC 7644 §3.4.2.3) on a list's query. Each resource names the attributes it sorts on; the
/// key of a case-insensitive attribute is its normalized column, of a case-exact one the value itself, compared by
/// code point on both databases (PostgreSQL's "C" collation, SQLite's BINARY), so pages never depend on a locale.
/// A resource without a value sorts last ascending and first descending, as the RFC says; ties go by creation then
/// id, so pages are stable. RFC 7644 names no refusal for a sortBy the service cannot sort on; since this service
/// does sort, a silent fallback to another order would be a wrong answer, so it is 400 invalidValue naming the
/// supported attributes (§3.12: "the value specified was not compatible with the operation").
/// </summary>
public sealed record ScimSort(string Attribute, bool Descending)
{
    /// <summary>Sorts by attribute; <paramref name="supported"/> as the RFC spells them (userName, meta.created).</summary>
    public static (ScimSort? Sort, ScimError? Error) Parse(string? sortBy, string? sortOrder, IReadOnlyCollection<string> supported)
    {
        var descending = false;
        if (sortOrder is not null)
        {
            if (sortOrder.Equals("descending", StringComparison.OrdinalIgnoreCase)) descending = true;
            else if (!sortOrder.Equals("ascending", StringComparison.OrdinalIgnoreCase))
                return (null, ScimError.InvalidValue("sortOrder must be ascending or descending"));
        }
        if (string.IsNullOrWhiteSpace(sortBy)) return (null, null);
        var path = ScimPath.Parse(sortBy);
        var known = path is { FilterAttribute: null }
            ? supported.FirstOrDefault(a => a.Equals(path.Key, StringComparison.OrdinalIgnoreCase))
            : null;
        if (known is null)
            return (null, ScimError.InvalidValue($"Sorting on {sortBy} is not supported; sortBy takes one of {string.Join(", ", supported)}"));
        return (new ScimSort(known, descending), null);
    }

    /// <summary>The collation that compares text by code point on this context's database.</summary>
    public static string CodePoint(SwitchboardDb db) => db is PostgresSwitchboardDb ? "C" : "BINARY";

    /// <summary>Orders by <paramref name="key"/>, with resources that have no value last (ascending) or first (descending).</summary>
    public IOrderedQueryable<T> Order<T, TKey>(IQueryable<T> query, Expression<Func<T, TKey>> key)
    {
        // A key that cannot be missing (meta.created) needs no first pass.
        if (default(TKey) is not null) return Descending ? query.OrderByDescending(key) : query.OrderBy(key);
        var missing = Expression.Lambda<Func<T, bool>>(
            Expression.Equal(key.Body, Expression.Constant(null, typeof(TKey))), key.Parameters);
        return Descending
            ? query.OrderByDescending(missing).ThenByDescending(key)
            : query.OrderBy(missing).ThenBy(key);
    }
}
