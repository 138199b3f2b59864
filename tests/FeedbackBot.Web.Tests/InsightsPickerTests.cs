using FeedbackBot.Core.Ports;
using FeedbackBot.Web.Insights;
using FeedbackBot.Web.Pages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace FeedbackBot.Web.Tests;

/// <summary>The insights page's team picker says what each choice is: a Teams team by its name as a team, not "(group)".</summary>
public sealed class InsightsPickerTests
{
    private readonly PageRenderer _pages = new(new ServiceCollection().BuildServiceProvider(), NullLoggerFactory.Instance);

    [Fact]
    public async Task Picker_LabelsTeamsTeamsChannelsAndSlackGroups_ByWhatTheyAre()
    {
        var teams = new InsightsTeam[]
        {
            new("team:19:eng@thread.tacv2", "Engineering & <Ops>", "team"),
            new("channel:19:eng@thread.tacv2/19:design@thread.tacv2", "Engineering & <Ops> › Design", "channel"),
            new("usergroup:S6", "Platform", "usergroup"),
        };
        var model = InsightsPageModel.From(teams, null, new InsightsReport("Whole workspace", 12, 5, []));

        var html = await _pages.RenderAsync<InsightsPage>(new Dictionary<string, object?>
        {
            [nameof(InsightsPage.Model)] = model,
            [nameof(InsightsPage.SignOut)] = new FormToken("__af", "tok"),
        });

        Assert.Contains("Engineering &amp; &lt;Ops&gt; (team)</option>", html);
        Assert.Contains(" Design (channel)</option>", html); // "›" is written as a character reference
        Assert.Contains("Platform (group)</option>", html);
        Assert.DoesNotContain("&amp;amp;", html); // escaped once
    }
}
