using System.Globalization;
using System.Resources;
using Scheduler.Domain.Rostering;
using Scheduler.Web.Features.Roster;
using Scheduler.Web.Localization;

namespace Scheduler.Web.Tests.Localization;

/// <summary>The validator's rule names as the roster page shows them: one resource key per <see cref="RuleNames"/> constant.</summary>
public sealed class RuleLabelsTests
{
    private static readonly ResourceManager Labels = new(typeof(RuleLabels).FullName!, typeof(RuleLabels).Assembly);

    [Fact]
    public void Every_rule_has_its_English_name_and_a_Bangla_one()
    {
        var english = Languages.Culture(Languages.English);
        var bangla = Languages.Culture(Languages.Bangla);
        Assert.Equal(26, RuleLabels.AllKeys.Count()); // every constant of RuleNames, hard and soft
        foreach (var rule in typeof(RuleNames).GetFields().Select(f => (string)f.GetRawConstantValue()!))
        {
            var key = RuleLabels.KeyOf(rule);
            Assert.NotNull(key);
            Assert.Equal(rule, Labels.GetString(key, english));
            var translated = Labels.GetString(key, bangla);
            Assert.False(string.IsNullOrEmpty(translated) || translated == rule, $"{key} has no Bangla name");
        }
    }

    [Fact]
    public void The_key_is_the_constant_name_and_an_unknown_rule_has_none()
    {
        Assert.Equal("MinimumRest", RuleLabels.KeyOf(RuleNames.MinimumRest));
        Assert.Equal("UnderCoverage", RuleLabels.KeyOf(RuleNames.UnderCoverage));
        Assert.Null(RuleLabels.KeyOf("a rule the validator does not have"));
        Assert.Equal("দুই শিফটের মাঝে ন্যূনতম বিশ্রাম", Labels.GetString("MinimumRest", Languages.Culture(Languages.Bangla)));
    }
}
