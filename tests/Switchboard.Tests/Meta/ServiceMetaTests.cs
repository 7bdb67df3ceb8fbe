using System.Net;
using Switchboard.Features.Meta;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Meta;

/// <summary>
/// GET /api/v1/meta answers anyone with the version and the features whose routes are mapped, and nothing about
/// the caller or the build. SQLite only: the route reads no database.
/// </summary>
public sealed class ServiceMetaTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Anyone_learns_the_version_and_the_mapped_features_and_nothing_else()
    {
        var meta = await app.Anonymous().GetAsync("/api/v1/meta").ShouldAnswer(HttpStatusCode.OK);
        meta.AsObject().Select(p => p.Key).Order().ShouldBe(["api", "features", "version"]);
        meta["api"]!.GetValue<string>().ShouldBe("v1");
        var version = meta["version"]!.GetValue<string>();
        version.ShouldNotBeNullOrWhiteSpace();
        version.ShouldNotContain("+"); // no commit hash
        var features = meta["features"]!.AsArray().Select(f => f!.GetValue<string>()).ToList();
        // Every feature this service knows is mapped in the app, so each is offered.
        features.ShouldBe(ServiceMeta.Features.Keys.Order(StringComparer.Ordinal).ToList());
        features.ShouldContain("bulk_invites");
    }

    [Fact]
    public async Task A_signed_in_caller_gets_the_same_answer()
    {
        var business = await app.CreateBusinessAsync();
        var anonymous = await app.Anonymous().GetAsync("/api/v1/meta").ShouldAnswer(HttpStatusCode.OK);
        var signedIn = await business.Client.GetAsync("/api/v1/meta").ShouldAnswer(HttpStatusCode.OK);
        signedIn.ToJsonString().ShouldBe(anonymous.ToJsonString());
    }
}
