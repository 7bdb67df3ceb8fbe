using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Switchboard.Domain;

namespace Switchboard.Data;

/// <summary>
/// Stores <c>require_two_factor</c> in its wire words ("off", "admins", "everyone"), so the migration's default for
/// existing rows ("off") and what the API shows are the same text.
/// </summary>
public sealed class TwoFactorPolicyConverter() : ValueConverter<TwoFactorPolicy, string>(
    v => v == TwoFactorPolicy.Everyone ? "everyone" : v == TwoFactorPolicy.Admins ? "admins" : "off",
    v => v == "everyone" ? TwoFactorPolicy.Everyone : v == "admins" ? TwoFactorPolicy.Admins : TwoFactorPolicy.Off);
