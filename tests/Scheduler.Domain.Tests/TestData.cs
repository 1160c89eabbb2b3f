namespace Scheduler.Domain.Tests;

/// <summary>Finds the shared real data sets beside the repository clone (<c>&lt;root&gt;/main</c> next to <c>&lt;root&gt;/shared</c>).</summary>
internal static class TestData
{
    private static readonly Lazy<string?> Found = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "datasets");
            if (Directory.Exists(candidate)) return candidate;
        }

        return null;
    });

    /// <summary>The <c>shared/datasets</c> folder; fails the calling test with a clear message when it is not there.</summary>
    public static string SharedDatasets =>
        Found.Value ?? throw new InvalidOperationException(
            $"No 'shared/datasets' folder was found in any parent of {AppContext.BaseDirectory}. " +
            "The tests expect the repository cloned as <root>/main with the data sets in <root>/shared/datasets.");

    public static string File(params string[] parts) => Path.Combine([SharedDatasets, .. parts]);

    /// <summary>The Curtois &amp; Qu instances in <c>shared/benchmarks/curtois</c>.</summary>
    public static string Curtois(string file) => Path.Combine(SharedDatasets, "..", "benchmarks", "curtois", file);
}
