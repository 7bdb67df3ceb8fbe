namespace Switchboard.Tests.Email;

/// <summary>The repository root: the first folder above the test binaries that holds Switchboard.slnx.</summary>
public static class RepoRoot
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Switchboard.slnx"))) return dir.FullName;
        throw new InvalidOperationException($"No Switchboard.slnx above {AppContext.BaseDirectory}");
    });

    public static string Location => Root.Value;
}
