using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Scheduler.Web.Tests.Localization;

/// <summary>
/// Every resource file of the web app comes in a pair, X.resx (English) and X.bn.resx (Bangla), with the same keys, the
/// same placeholders, and a Bangla text that is not the English one copied.
/// </summary>
public sealed partial class ResourceParityTests
{
    private static string WebFolder
    {
        get
        {
            var folder = new DirectoryInfo(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Scheduler.sln")))
            {
                folder = folder.Parent;
            }

            return Path.Combine(folder?.FullName ?? throw new DirectoryNotFoundException("Scheduler.sln not found above " + AppContext.BaseDirectory), "src", "Scheduler.Web");
        }
    }

    public static TheoryData<string> EnglishFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(WebFolder, "*.resx", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
                     .Where(f => !f.EndsWith(".bn.resx", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(WebFolder, file));
        }

        return data;
    }

    [Fact]
    public void The_app_has_resource_files_and_no_Bangla_file_without_its_English_one()
    {
        var files = Directory.EnumerateFiles(WebFolder, "*.resx", SearchOption.AllDirectories).Where(f => !f.Contains("/bin/") && !f.Contains("/obj/")).ToList();
        Assert.Contains(files, f => f.EndsWith("Common.resx", StringComparison.Ordinal));
        var orphans = files.Where(f => f.EndsWith(".bn.resx", StringComparison.Ordinal) && !File.Exists(f.Replace(".bn.resx", ".resx", StringComparison.Ordinal))).ToList();
        Assert.Empty(orphans);
    }

    [Theory]
    [MemberData(nameof(EnglishFiles))]
    public void The_Bangla_file_has_every_key_translated_with_the_same_placeholders(string englishFile)
    {
        var english = Read(Path.Combine(WebFolder, englishFile));
        var banglaFile = englishFile.Replace(".resx", ".bn.resx", StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(WebFolder, banglaFile)), $"{banglaFile} is missing: every English resource file needs its Bangla one");
        var bangla = Read(Path.Combine(WebFolder, banglaFile));

        Assert.True(english.Count > 0, $"{englishFile} has no strings");
        var onlyEnglish = english.Keys.Except(bangla.Keys).ToList();
        var onlyBangla = bangla.Keys.Except(english.Keys).ToList();
        Assert.True(onlyEnglish.Count == 0, $"{banglaFile} lacks {string.Join(", ", onlyEnglish)}");
        Assert.True(onlyBangla.Count == 0, $"{englishFile} lacks {string.Join(", ", onlyBangla)}");
        foreach (var (key, text) in english)
        {
            var translated = bangla[key];
            Assert.False(string.IsNullOrWhiteSpace(text), $"{englishFile}: '{key}' is empty");
            Assert.False(string.IsNullOrWhiteSpace(translated), $"{banglaFile}: '{key}' is empty");
            Assert.Equal(Placeholders(text), Placeholders(translated));
            Assert.False(Words().IsMatch(translated) && !Bengali().IsMatch(translated), $"{banglaFile}: '{key}' is English ('{translated}'), not Bangla");
        }
    }

    private static Dictionary<string, string> Read(string path)
    {
        var strings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var data in XDocument.Load(path).Root!.Elements("data"))
        {
            var key = data.Attribute("name")!.Value;
            Assert.True(strings.TryAdd(key, data.Element("value")?.Value ?? string.Empty), $"{path}: '{key}' appears twice");
        }

        return strings;
    }

    private static List<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex("[A-Za-z]{3,}")]
    private static partial Regex Words();

    [GeneratedRegex("[\u0980-\u09FF]")]
    private static partial Regex Bengali();
}
