using NodaTime;
using Scheduler.Web.Features.Agents;

namespace Scheduler.Web.Tests;

public sealed class AgentServiceTests
{
    [Fact]
    public async Task Export_then_import_changes_nothing()
    {
        await using var host = await WebTestHost.CreateAsync();
        var before = await host.Agents.ListAsync(default);
        var csv = AgentService.Export(before);

        var (added, updated, errors) = await host.Agents.ImportAsync(csv, "agents.csv", "rahima", default);

        Assert.Empty(errors);
        Assert.Equal(0, added);
        Assert.Equal(Scheduler.Web.Features.Demo.DemoSeeder.DefaultAgents, before.Count);
        Assert.Equal(before.Count, updated);
        Assert.Equal(csv, AgentService.Export(await host.Agents.ListAsync(default)));
    }

    [Fact]
    public async Task A_file_with_bad_lines_names_each_line_and_field_and_stores_nothing()
    {
        await using var host = await WebTestHost.CreateAsync();
        var csv = AgentService.Header + "\n"
            + "n001,New Agent,Asia/Dhaka,voice-bn,bn,32,48,6,1,yes,Fri,\n"           // good: would be added
            + "n002,Bad Zone,Asia/Dhakka,voice-bn,bn,32,48,6,1,yes,,\n"                // line 3: zone
            + "n003,Bad Skill,Asia/Dhaka,phone,bn,32,48,6,1,maybe,,Mon 8+8\n";        // line 4: skill, night consent, availability

        var (added, updated, errors) = await host.Agents.ImportAsync(csv, "agents.csv", "rahima", default);

        Assert.Equal((0, 0), (added, updated));
        Assert.Contains(errors, e => e.Line == 3 && e.Field == "home_zone" && e.File == "agents.csv");
        Assert.Contains(errors, e => e.Line == 4 && e.Field == "skills");
        Assert.Contains(errors, e => e.Line == 4 && e.Field == "night_consent");
        Assert.Contains(errors, e => e.Line == 4 && e.Field == "availability");
        Assert.DoesNotContain(await host.Agents.ListAsync(default), a => a.Id == "n001");
    }

    [Fact]
    public async Task Saving_from_a_stale_copy_is_refused()
    {
        await using var host = await WebTestHost.CreateAsync();
        var first = (await host.Agents.ListAsync(default)).Single(a => a.Id == "tanvir");   // Rahima opens Tanvir
        var second = (await host.Agents.ListAsync(default)).Single(a => a.Id == "tanvir");  // so does Sabbir
        first.Name = "Tanvir A.";
        await host.Agents.SaveAsync(first, "rahima", default);

        second.NightConsent = !second.NightConsent;
        var refused = await Assert.ThrowsAsync<AgentSaveException>(() => host.Agents.SaveAsync(second, "sabbir", default));

        Assert.Contains("someone else changed", refused.Message);
        var stored = (await host.Agents.ListAsync(default)).Single(a => a.Id == "tanvir");
        Assert.Equal("Tanvir A.", stored.Name);
        Assert.Equal(first.NightConsent, stored.NightConsent);
    }

    [Fact]
    public async Task Filter_finds_by_name_skill_and_zone()
    {
        await using var host = await WebTestHost.CreateAsync();
        var agents = await host.Agents.ListAsync(default);

        Assert.Single(AgentService.Filter(agents, "nadia rahman", null, null));
        Assert.All(AgentService.Filter(agents, null, "email-en", null), a => Assert.Contains("email-en", a.Skills));
        Assert.Equal(4, AgentService.Filter(agents, null, null, "Europe/London").Count()); // three of the first 60 and one hire
        Assert.Equal(agents.Count, AgentService.Filter(agents, "", null, null).Count());
    }

    [Fact]
    public async Task A_file_of_thousands_of_bad_lines_lists_the_first_200_and_counts_the_rest()
    {
        await using var host = await WebTestHost.CreateAsync();
        var csv = AgentService.Header + "\n" + string.Concat(Enumerable.Range(0, 3000).Select(i => $"x{i},Bad,Nowhere/Zone,phone,bn,32,48,6,1,maybe,,\n"));

        var (added, updated, errors) = await host.Agents.ImportAsync(csv, "bad.csv", "rahima", default);

        Assert.Equal((0, 0), (added, updated));
        Assert.Equal(AgentService.MaxListedErrors + 1, errors.Count);
        Assert.Contains("more error(s) not listed", errors[^1].Reason);
    }
}
