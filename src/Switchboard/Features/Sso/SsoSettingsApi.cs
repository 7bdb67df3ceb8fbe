using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Email;
using Switchboard.Faces;
using Switchboard.Tenancy;

namespace Switchboard.Features.Sso;

/// <summary>
/// GET, PUT and DELETE /api/v1/team/sso (owner only): the workspace's OpenID Connect provider. PUT takes
/// {issuer, client_id, client_secret, domains, enforce, default_role, default_seat, role_claim, role_map}; the secret is
/// stored protected with Data Protection (as the authenticator secrets are) and never shown again — a later PUT may
/// leave it out to keep it. <c>domains</c> are claimed as POST /team/sso/domains claims them (each to verify by its TXT
/// value); GET lists every claimed domain with its state. DELETE removes the provider; the domains stay claimed.
/// </summary>
public static class SsoSettingsApi
{
    public sealed record Request(string Issuer, string ClientId, string? ClientSecret, string[]? Domains, bool? Enforce,
        string? DefaultRole, string? DefaultSeat, string? RoleClaim, MappingView[]? RoleMap);
    public sealed record View(string Issuer, string ClientId, bool ClientSecretSet, bool Enforce, string DefaultRole,
        string DefaultSeat, string? RoleClaim, IReadOnlyList<MappingView> RoleMap, IReadOnlyList<SsoDomains.View> Domains,
        string RedirectUri, string SignInUrl);
    public sealed record MappingView(string Value, string Role, string Seat);

    public const int MaxMappings = 100;
    private const string OwnerOnly = "Only the org owner can manage single sign-on";
    private const string NotConfigured = "Single sign-on is not configured for this workspace";

    /// <summary>Tied to this use: a payload protected for anything else never unprotects here.</summary>
    public static IDataProtector SecretProtector(IDataProtectionProvider provider) =>
        provider.CreateProtector("Switchboard.Sso.ClientSecret.v1");

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static IReadOnlyList<SsoProvider.Mapping> Map(SsoProvider provider) =>
        JsonSerializer.Deserialize<List<SsoProvider.Mapping>>(provider.RoleMap, Json) ?? [];

    public static async Task<IResult> GetAsync(HttpContext http, SwitchboardDb db, PublicLinks links)
    {
        var caller = http.Caller();
        if (!caller.Member.IsOwner) return Answer.Refuse(Failure.OwnerOnly(OwnerOnly));
        var provider = await db.SsoProviders.AsNoTracking().FirstOrDefaultAsync(p => p.WorkspaceId == caller.WorkspaceId);
        if (provider is null) return Answer.Refuse(Failure.NotFound(NotConfigured));
        return Answer.Value(await ViewOfAsync(db, provider, links));
    }

    public static async Task<IResult> PutAsync(HttpContext http, SwitchboardDb db, TimeProvider time, IssuerPolicy issuers,
        IDataProtectionProvider protection, PublicLinks links)
    {
        var caller = http.Caller();
        if (!caller.Member.IsOwner) return Answer.Refuse(Failure.OwnerOnly(OwnerOnly));
        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return Answer.Invalid([error]);
        var existing = await db.SsoProviders.FirstOrDefaultAsync(p => p.WorkspaceId == caller.WorkspaceId);

        var input = new Input(body);
        var issuer = input.String("issuer", required: true, max: 2048)?.Trim();
        if (issuer is not null && issuers.Refusal(issuer) is { } why) input.Fail("issuer", FieldRule.Custom, message: why);
        var clientId = input.String("client_id", required: true, max: 255)?.Trim();
        // Required the first time; left out later, the stored one stays.
        var secret = input.String("client_secret", required: existing is null, max: 2000);
        var enforce = input.Bool("enforce");
        var role = input.Choice<Role>("default_role", input.String("default_role", max: 16));
        if (role == Role.Owner) input.Fail("default_role", FieldRule.Custom, message: "must be admin or agent");
        var seat = input.Choice<Seat>("default_seat", input.String("default_seat", max: 16));
        var roleClaim = input.String("role_claim", max: 255)?.Trim();
        var map = ReadMap(body, input);
        var domains = ReadDomains(body, input);
        if (!input.IsValid) return Answer.Invalid(input.Errors);

        var now = time.Now();
        var provider = existing ?? new SsoProvider
        {
            WorkspaceId = caller.WorkspaceId,
            Issuer = issuer!,
            ClientId = clientId!,
            ClientSecretProtected = "",
            CreatedAt = now,
        };
        if (existing is null) db.SsoProviders.Add(provider);
        provider.Issuer = issuer!;
        provider.ClientId = clientId!;
        if (secret is not null) provider.ClientSecretProtected = SecretProtector(protection).Protect(secret);
        provider.Enforce = enforce ?? provider.Enforce;
        provider.DefaultRole = role ?? provider.DefaultRole;
        provider.DefaultSeat = seat ?? provider.DefaultSeat;
        if (body.TryGetProperty("role_claim", out _)) provider.RoleClaim = string.IsNullOrEmpty(roleClaim) ? null : roleClaim;
        if (map is not null) provider.RoleMap = JsonSerializer.Serialize(map, Json);
        provider.UpdatedAt = now;

        var claimed = await db.SsoDomains.Where(d => d.WorkspaceId == caller.WorkspaceId).Select(d => d.Name).ToListAsync();
        var added = (domains ?? []).Except(claimed).ToList();
        if (claimed.Count + added.Count > SsoDomains.MaxDomains)
            return Answer.Refuse(Failure.Invalid($"A workspace can claim at most {SsoDomains.MaxDomains} domains", "domains"));
        foreach (var name in added)
            db.SsoDomains.Add(new SsoDomain
            {
                WorkspaceId = caller.WorkspaceId,
                Name = name,
                VerificationToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
                CreatedAt = now,
            });
        await LockedRights.ConfirmAsync(db, caller);
        AuditLog.Record(db, now, caller.WorkspaceId, caller.UserId, existing is null ? "sso.provider.added" : "sso.provider.updated",
            "workspace", caller.WorkspaceId, new
            {
                issuer = provider.Issuer, client_id = provider.ClientId, secret_changed = secret is not null, enforce = provider.Enforce,
                domains_added = added,
            });
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Two saves at once (the first provider, or one domain claimed twice): the other one won; the owner tries again.
            return Answer.Refuse(Failure.Blocked("The single sign-on settings changed at the same time; load them and try again"));
        }
        return Answer.Value(await ViewOfAsync(db, provider, links));
    }

    public static async Task<IResult> DeleteAsync(HttpContext http, SwitchboardDb db, TimeProvider time)
    {
        var caller = http.Caller();
        if (!caller.Member.IsOwner) return Answer.Refuse(Failure.OwnerOnly(OwnerOnly));
        var provider = await db.SsoProviders.FirstOrDefaultAsync(p => p.WorkspaceId == caller.WorkspaceId);
        if (provider is null) return Answer.Refuse(Failure.NotFound(NotConfigured));
        await LockedRights.ConfirmAsync(db, caller);
        db.SsoProviders.Remove(provider);
        // Sign-ins already at the provider cannot finish against a provider that is gone.
        await db.SsoSignIns.Where(s => s.WorkspaceId == caller.WorkspaceId).ExecuteDeleteAsync();
        AuditLog.Record(db, time.Now(), caller.WorkspaceId, caller.UserId, "sso.provider.removed", "workspace", caller.WorkspaceId,
            new { issuer = provider.Issuer });
        await db.SaveChangesAsync();
        return Answer.Message("Single sign-on removed; members sign in with their passwords again");
    }

    private static List<string>? ReadDomains(JsonElement body, Input input)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("domains", out var list)) return null;
        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() > SsoDomains.MaxDomains)
        {
            input.Fail("domains", FieldRule.Custom, message: $"must be a list of at most {SsoDomains.MaxDomains} domain names");
            return null;
        }
        var names = new List<string>();
        foreach (var item in list.EnumerateArray())
        {
            var name = item.ValueKind == JsonValueKind.String ? DomainName.Canonical(item.GetString()) : null;
            if (name is null)
            {
                input.Fail("domains", FieldRule.Custom, message: "each entry must be a domain name such as example.com");
                return null;
            }
            names.Add(name);
        }
        return [.. names.Distinct()];
    }

    private static List<SsoProvider.Mapping>? ReadMap(JsonElement body, Input input)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("role_map", out var list)) return null;
        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() > MaxMappings)
        {
            input.Fail("role_map", FieldRule.Custom, message: $"must be a list of at most {MaxMappings} {{value, role, seat}}");
            return null;
        }
        var map = new List<SsoProvider.Mapping>();
        foreach (var item in list.EnumerateArray())
        {
            string? Text(string name) => item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var v)
                && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var value = Text("value");
            var ok = WireNames.TryParseWire<Role>(Text("role"), out var role) && role != Role.Owner;
            ok &= WireNames.TryParseWire<Seat>(Text("seat") ?? "full", out var seat);
            if (string.IsNullOrEmpty(value) || value.Length > 255 || !ok)
            {
                input.Fail("role_map", FieldRule.Custom, message: "each entry needs the claim's value, a role (admin or agent) and a seat (full or lite)");
                return null;
            }
            map.Add(new SsoProvider.Mapping(value, role, seat));
        }
        return map;
    }

    private static async Task<View> ViewOfAsync(SwitchboardDb db, SsoProvider provider, PublicLinks links)
    {
        var domains = await db.SsoDomains.AsNoTracking().Where(d => d.WorkspaceId == provider.WorkspaceId).OrderBy(d => d.Name).ToListAsync();
        return new View(provider.Issuer, provider.ClientId, provider.ClientSecretProtected.Length > 0, provider.Enforce,
            provider.DefaultRole.Wire(), provider.DefaultSeat.Wire(), provider.RoleClaim,
            [.. Map(provider).Select(m => new MappingView(m.Value, m.Role.Wire(), m.Seat.Wire()))],
            [.. domains.Select(SsoDomains.ViewOf)], links.SsoCallback,
            links.SsoStart(provider.WorkspaceId));
    }
}
