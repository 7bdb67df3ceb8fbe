using Microsoft.Extensions.DependencyInjection;
using Switchboard.Data;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Email;

/// <summary>Mail settings for test apps: fast polling and retries, links on the documented base URL.</summary>
public static class MailSettings
{
    public const string BaseUrl = "http://localhost:5080";

    public static string NewFolder(string what) =>
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"switchboard-{what}-{Guid.NewGuid():N}");

    public static IEnumerable<KeyValuePair<string, string?>> Pickup(string folder) =>
    [
        new("PublicBaseUrl", BaseUrl),
        new("Email:Transport", "pickup"),
        new("Email:PickupDirectory", folder),
        new("Email:PollIntervalMs", "100"),
        new("Email:RetryBaseMs", "100"),
        new("Email:RetryMaxMs", "400"),
        new("Invites:ResendPerHour", "2"),
    ];

    public static IEnumerable<KeyValuePair<string, string?>> Smtp(int port) =>
    [
        new("Email:Transport", "smtp"),
        new("Email:Smtp:Host", "127.0.0.1"),
        new("Email:Smtp:Port", port.ToString()),
        new("Email:Smtp:Security", "none"),
        new("Email:Smtp:TimeoutMs", "5000"),
    ];

    public static async Task<T> WithDbAsync<T>(this SwitchboardApp app, Func<SwitchboardDb, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<SwitchboardDb>());
    }

    public static void DeleteFolder(string folder)
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}

/// <summary>The app with the pickup transport into a folder of its own, read through <see cref="Mail"/>.</summary>
public sealed class PickupSqliteApp : SqliteApp
{
    private readonly string _folder = MailSettings.NewFolder("mail");
    public MailDrop Mail => new(_folder);
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => MailSettings.Pickup(_folder);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        MailSettings.DeleteFolder(_folder);
    }
}

public sealed class PickupPostgresApp : PostgresApp
{
    private readonly string _folder = MailSettings.NewFolder("mail");
    public MailDrop Mail => new(_folder);
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => MailSettings.Pickup(_folder);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        MailSettings.DeleteFolder(_folder);
    }
}

/// <summary>
/// An app whose own dispatcher is off: its requests only write the outbox. Tests start derived apps
/// (<c>WithWebHostBuilder</c>) on the same database to send — through an SMTP server of their own, or
/// after another app on that database was stopped — so no second dispatcher competes for the rows.
/// </summary>
public sealed class OutboxOnlySqliteApp : SqliteApp
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [.. MailSettings.Pickup(MailSettings.NewFolder("unused")), new("Email:DispatcherEnabled", "false")];
}

public sealed class OutboxOnlyPostgresApp : PostgresApp
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [.. MailSettings.Pickup(MailSettings.NewFolder("unused")), new("Email:DispatcherEnabled", "false")];
}
