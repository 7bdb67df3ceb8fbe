using System.Text.RegularExpressions;
using Switchboard.Tests.Email;

namespace Switchboard.Tests.Architecture;

/// <summary>
/// What may depend on what (docs/architecture.md, "Layers"), checked on the source itself: a forbidden
/// `using`, or a qualified name that reaches into a forbidden layer, fails the build's tests.
/// </summary>
public sealed partial class LayerRulesTests
{
    /// <summary>Layer (a folder of src/Switchboard, or a project) → namespaces it must not name.</summary>
    private static readonly (string Layer, string Folder, string[] Forbidden)[] Rules =
    [
        ("Domain", "src/Switchboard/Domain",
            ["Switchboard.Data", "Switchboard.Faces", "Switchboard.Features", "Switchboard.Realtime", "Switchboard.Email",
             "Switchboard.Auth", "Switchboard.Web", "Switchboard.Cluster", "Switchboard.Tenancy",
             "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "Npgsql"]),
        ("Faces", "src/Switchboard/Faces",
            ["Switchboard.Data", "Switchboard.Features", "Switchboard.Realtime", "Microsoft.EntityFrameworkCore", "Npgsql"]),
        ("Realtime", "src/Switchboard/Realtime", ["Switchboard.Features"]),
        ("Email", "src/Switchboard/Email", ["Switchboard.Features", "Switchboard.Faces"]),
        ("Data", "src/Switchboard/Data", ["Switchboard.Features", "Switchboard.Faces", "Switchboard.Realtime", "Microsoft.AspNetCore"]),
        ("Tenancy", "src/Switchboard/Tenancy", ["Switchboard.Features"]),
        // Every layer may count and trace through Operations.Telemetry; Operations itself reads only Data and Domain.
        ("Operations", "src/Switchboard/Operations",
            ["Switchboard.Features", "Switchboard.Faces", "Switchboard.Realtime", "Switchboard.Tenancy", "Switchboard.Auth",
             "Switchboard.Web", "Switchboard.Email"]),
        ("Switchboard.SocketIO", "src/Switchboard.SocketIO", ["Switchboard."]),
        ("Switchboard.SocketIO.Redis", "src/Switchboard.SocketIO.Redis",
            ["Switchboard.Data", "Switchboard.Domain", "Switchboard.Features", "Switchboard.Faces", "Switchboard.Realtime"]),
    ];

    public static TheoryData<string> Layers() => [.. Rules.Select(r => r.Layer)];

    [Theory]
    [MemberData(nameof(Layers))]
    public void A_layer_names_nothing_it_must_not_depend_on(string layer)
    {
        var (_, folder, forbidden) = Rules.Single(r => r.Layer == layer);
        var root = Path.Combine(RepoRoot.Location, folder);
        Directory.Exists(root).ShouldBeTrue(root);
        var own = layer.StartsWith("Switchboard.") ? layer : $"Switchboard.{layer}";
        var problems = new List<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                         && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")
                         && !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}")))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var code = Comment().Replace(lines[i], "");
                foreach (var name in Names(code))
                {
                    if (name.StartsWith(own + ".", StringComparison.Ordinal) || name == own) continue;
                    if (forbidden.Any(f => name == f.TrimEnd('.') || name.StartsWith(f.EndsWith('.') ? f : f + ".", StringComparison.Ordinal)))
                        problems.Add($"{Path.GetRelativePath(RepoRoot.Location, file)}:{i + 1}: {name}");
                }
            }
        }
        problems.ShouldBeEmpty(string.Join("\n", problems));
    }

    [Fact]
    public void The_rules_catch_what_they_are_meant_to_catch()
    {
        Names("using Switchboard.Features.Team;").ShouldContain("Switchboard.Features.Team");
        Names("var x = Switchboard.Faces.Input.IsEmail(a);").ShouldContain("Switchboard.Faces.Input.IsEmail");
        // A name relative to the Switchboard namespace, as code inside it may write.
        Names("if (Faces.Input.IsEmail(to))").ShouldContain("Switchboard.Faces.Input.IsEmail");
        Names("socket.Data[UserKey] = id;").ShouldBeEmpty();
    }

    /// <summary>Namespaces named by a line: using directives, fully qualified names and names relative to Switchboard.</summary>
    private static IEnumerable<string> Names(string code)
    {
        foreach (Match m in Using().Matches(code)) yield return m.Groups[1].Value;
        foreach (Match m in Qualified().Matches(code)) yield return m.Value;
        foreach (Match m in Relative().Matches(code)) yield return "Switchboard." + m.Value;
    }

    [GeneratedRegex(@"^\s*using\s+(?:static\s+)?([A-Za-z_][\w.]*)\s*;")]
    private static partial Regex Using();

    [GeneratedRegex(@"(?<![\w.])(?:Switchboard|Microsoft\.EntityFrameworkCore|Microsoft\.AspNetCore|Npgsql)(?:\.[A-Z]\w*)+")]
    private static partial Regex Qualified();

    [GeneratedRegex(@"(?<![\w.""])(?:Data|Faces|Features|Realtime|Email|Auth|Web|Cluster|Tenancy|Domain)\.[A-Z]\w*(?:\.[A-Z]\w*)*")]
    private static partial Regex Relative();

    [GeneratedRegex(@"//.*$")]
    private static partial Regex Comment();
}
