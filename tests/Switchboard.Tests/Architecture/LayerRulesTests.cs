using System.Reflection;
using NetArchTest.Rules;

namespace Switchboard.Tests.Architecture;

/// <summary>
/// What may depend on what (docs/architecture.md, "Layers"), checked on the compiled assemblies with NetArchTest:
/// every reference the compiler emitted counts — global and implicit usings, fully qualified names, attributes,
/// method bodies — and a rule whose layer matches no type fails rather than passing on nothing.
/// </summary>
public sealed class LayerRulesTests
{
    private static readonly Assembly Service = typeof(Switchboard.Extensions).Assembly;
    private static readonly Assembly SocketIO = typeof(Switchboard.SocketIO.InMemoryAdapter).Assembly;
    private static readonly Assembly Redis = typeof(Switchboard.SocketIO.Redis.RedisAdapter).Assembly;

    /// <summary>The service's own layers, by namespace: what the two libraries must never name.</summary>
    private static readonly string[] ServiceLayers =
    [
        "Switchboard.Data", "Switchboard.Domain", "Switchboard.Features", "Switchboard.Faces", "Switchboard.Realtime",
        "Switchboard.Email", "Switchboard.Auth", "Switchboard.Web", "Switchboard.Cluster", "Switchboard.Tenancy",
        "Switchboard.Operations",
    ];

    private static readonly (string Layer, Assembly Assembly, string Namespace, string[] Forbidden)[] Rules =
    [
        ("Domain", Service, "Switchboard.Domain",
            ["Switchboard.Data", "Switchboard.Faces", "Switchboard.Features", "Switchboard.Realtime", "Switchboard.Email",
             "Switchboard.Auth", "Switchboard.Web", "Switchboard.Cluster", "Switchboard.Tenancy",
             "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "Npgsql"]),
        ("Faces", Service, "Switchboard.Faces",
            ["Switchboard.Data", "Switchboard.Features", "Switchboard.Realtime", "Microsoft.EntityFrameworkCore", "Npgsql"]),
        // Features raise domain events; Realtime and Cluster hear them. No feature names a page, a socket or a node.
        ("Features", Service, "Switchboard.Features", ["Switchboard.Realtime", "Switchboard.Web", "Switchboard.Cluster"]),
        // Tokens and hashing serve every face and feature; they know neither, nor the workspace a caller acts in.
        ("Auth", Service, "Switchboard.Auth",
            ["Switchboard.Features", "Switchboard.Realtime", "Switchboard.Web", "Switchboard.Tenancy", "Switchboard.Email"]),
        // Several nodes: Redis carries sockets, presence and revocations; no feature, face or page is named.
        ("Cluster", Service, "Switchboard.Cluster",
            ["Switchboard.Features", "Switchboard.Faces", "Switchboard.Web", "Switchboard.Tenancy", "Switchboard.Email"]),
        // The dashboard's pages are static files and their routes: they call the API like any client.
        ("Web", Service, "Switchboard.Web",
            ["Switchboard.Features", "Switchboard.Data", "Switchboard.Realtime", "Switchboard.Tenancy", "Switchboard.Cluster",
             "Switchboard.Email", "Switchboard.Auth", "Microsoft.EntityFrameworkCore"]),
        ("Realtime", Service, "Switchboard.Realtime", ["Switchboard.Features"]),
        ("Email", Service, "Switchboard.Email", ["Switchboard.Features", "Switchboard.Faces"]),
        ("Data", Service, "Switchboard.Data", ["Switchboard.Features", "Switchboard.Faces", "Switchboard.Realtime", "Microsoft.AspNetCore"]),
        ("Tenancy", Service, "Switchboard.Tenancy", ["Switchboard.Features"]),
        // Every layer may count and trace through Operations.Telemetry; Operations itself reads only Data and Domain.
        ("Operations", Service, "Switchboard.Operations",
            ["Switchboard.Features", "Switchboard.Faces", "Switchboard.Realtime", "Switchboard.Tenancy", "Switchboard.Auth",
             "Switchboard.Web", "Switchboard.Email"]),
        ("Switchboard.SocketIO", SocketIO, "Switchboard.SocketIO", ServiceLayers),
        ("Switchboard.SocketIO.Redis", Redis, "Switchboard.SocketIO.Redis", ServiceLayers),
    ];

    public static TheoryData<string> Layers() => [.. Rules.Select(r => r.Layer)];

    [Theory]
    [MemberData(nameof(Layers))]
    public void A_layer_depends_on_nothing_it_must_not(string layer)
    {
        var (_, assembly, ns, forbidden) = Rules.Single(r => r.Layer == layer);
        var types = Types.InAssembly(assembly).That().ResideInNamespace(ns);
        types.GetTypes().Count().ShouldBeGreaterThan(0, $"the {layer} rule matched no type in {assembly.GetName().Name}");
        var result = types.ShouldNot().HaveDependencyOnAny(forbidden).GetResult();
        result.IsSuccessful.ShouldBeTrue($"{layer} names what it must not:\n" + string.Join("\n", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void Every_namespace_of_the_service_is_under_a_rule()
    {
        var ruled = Rules.Where(r => r.Assembly == Service).Select(r => r.Namespace).ToList();
        var unruled = Service.GetTypes().Select(t => t.Namespace ?? "")
            .Where(n => n.StartsWith("Switchboard.", StringComparison.Ordinal))
            .Where(n => !ruled.Any(r => n == r || n.StartsWith(r + ".", StringComparison.Ordinal)))
            .Distinct().ToList();
        unruled.ShouldBeEmpty();
    }

    /// <summary>
    /// One success style: a feature answers through <c>Faces/Answer</c> (Value, Bare, Message, Refuse, Invalid,
    /// Redirect), which the route's face turns into its status and body, never through ASP.NET's <c>Results</c> or
    /// <c>TypedResults</c>. SCIM speaks its own protocol (application/scim+json) through its own ScimResults.
    /// </summary>
    [Fact]
    public void Features_answer_only_through_the_faces()
    {
        string[] aspNetAnswers = ["Microsoft.AspNetCore.Http.Results", "Microsoft.AspNetCore.Http.TypedResults"];
        var features = Types.InAssembly(Service).That().ResideInNamespace("Switchboard.Features")
            .And().DoNotResideInNamespace("Switchboard.Features.Scim");
        features.GetTypes().Count().ShouldBeGreaterThan(50);
        var result = features.ShouldNot().HaveDependencyOnAny(aspNetAnswers).GetResult();
        result.IsSuccessful.ShouldBeTrue("these answer outside the faces:\n" + string.Join("\n", result.FailingTypeNames ?? []));
        // Not blind: SCIM's own answers are written with Results, and the rule sees that.
        Types.InAssembly(Service).That().ResideInNamespace("Switchboard.Features.Scim").ShouldNot().HaveDependencyOnAny(aspNetAnswers)
            .GetResult().IsSuccessful.ShouldBeFalse();
    }

    [Fact]
    public void The_rules_catch_what_they_are_meant_to_catch()
    {
        // Real dependencies the rules allow: were the checker blind, these would pass too.
        Types.InAssembly(Service).That().ResideInNamespace("Switchboard.Features").ShouldNot().HaveDependencyOn("Switchboard.Data")
            .GetResult().IsSuccessful.ShouldBeFalse();
        Types.InAssembly(Service).That().ResideInNamespace("Switchboard.Tenancy").ShouldNot().HaveDependencyOn("Switchboard.Faces")
            .GetResult().IsSuccessful.ShouldBeFalse();
        Types.InAssembly(Redis).That().ResideInNamespace("Switchboard.SocketIO.Redis").ShouldNot().HaveDependencyOn("StackExchange.Redis")
            .GetResult().IsSuccessful.ShouldBeFalse();
    }
}
