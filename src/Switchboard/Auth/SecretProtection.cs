using Microsoft.AspNetCore.DataProtection;

namespace Switchboard.Auth;

/// <summary>
/// Protects what must be read back but must not be readable from a copy of the database alone — the authenticator
/// secrets — with ASP.NET Core Data Protection. Its key ring lives outside the database, in
/// <c>DataProtection:KeysPath</c> (default <c>data/keys</c> under the content root): every node of a cluster and every
/// restart must point at the same folder, or they cannot read each other's secrets. Keeping the keys in the database
/// (PersistKeysToDbContext) would undo the point, since one leak would then hold both.
/// </summary>
public sealed class SecretProtection(IDataProtectionProvider provider)
{
    // The purpose string ties these payloads to this use: a payload protected for anything else never unprotects here.
    private readonly IDataProtector _totp = provider.CreateProtector("Switchboard.Auth.TotpSecret.v1");

    public string ProtectTotpSecret(string base32) => _totp.Protect(base32);

    public string UnprotectTotpSecret(string protectedSecret) => _totp.Unprotect(protectedSecret);
}

public static class SecretProtectionSetup
{
    public const string KeysPathSetting = "DataProtection:KeysPath";

    public static IServiceCollection AddSecretProtection(this IServiceCollection services, IConfiguration config, string contentRoot)
    {
        var folder = config[KeysPathSetting] is { Length: > 0 } configured ? configured : Path.Combine("data", "keys");
        services.AddDataProtection()
            // One name for every node: Data Protection isolates applications by it (the default is the content root path).
            .SetApplicationName("Switchboard")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.GetFullPath(folder, contentRoot)));
        services.AddSingleton<SecretProtection>();
        return services;
    }
}
