using FeedbackBot.Core.Insights;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace FeedbackBot.Core.Tests.Insights;

/// <summary>Who may see insights, and how a report is put together from the platform's teams and the stored weeks.</summary>
public sealed class InsightsQueryTests
{
    private static readonly WorkspaceRef Ws = new(Platform.Slack, "T1");
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private readonly Mock<IPlatformTeams> _slack = new(MockBehavior.Strict);
    private readonly Mock<IInsightsStore> _store = new(MockBehavior.Strict);
    private readonly InsightsOptions _options = new();

    public InsightsQueryTests()
    {
        _slack.SetupGet(p => p.Platform).Returns(Platform.Slack);
        _slack.SetupGet(p => p.KnowsEveryMember).Returns(true);
    }

    [Theory]
    [InlineData("slack:T1:UEXTRA")]
    [InlineData("UEXTRA")]
    public async Task IsAdmin_ListedInInsightsAdmins_WithoutAskingThePlatform(string listed)
    {
        _options.Admins.Add(listed);

        Assert.True(await Query().IsAdminAsync(new PersonRef(Platform.Slack, "T1", "UEXTRA"), default));
        _slack.Verify(p => p.IsPlatformAdminAsync(It.IsAny<PersonRef>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task IsAdmin_ListedForAnotherWorkspace_AsksThePlatform()
    {
        _options.Admins.Add("slack:T2:UEXTRA");
        var person = new PersonRef(Platform.Slack, "T1", "UEXTRA");
        _slack.Setup(p => p.IsPlatformAdminAsync(person, It.IsAny<CancellationToken>())).ReturnsAsync(false);

        Assert.False(await Query().IsAdminAsync(person, default));
    }

    [Fact]
    public async Task IsAdmin_PlatformAdminOrOwner_Yes_AndDeniedWhileThePlatformCannotSay()
    {
        var owner = new PersonRef(Platform.Slack, "T1", "UOWNER");
        var other = new PersonRef(Platform.Slack, "T1", "UOTHER");
        _slack.Setup(p => p.IsPlatformAdminAsync(owner, It.IsAny<CancellationToken>())).ReturnsAsync(true);
        _slack.Setup(p => p.IsPlatformAdminAsync(other, It.IsAny<CancellationToken>())).ThrowsAsync(new PeopleLookupException("slack down"));

        Assert.True(await Query().IsAdminAsync(owner, default));
        Assert.False(await Query().IsAdminAsync(other, default));
        Assert.False(await Query().IsAdminAsync(new PersonRef(Platform.Teams, "tenant", "29:x"), default)); // no Teams teams here
    }

    [Fact]
    public async Task Get_UnknownTeam_Throws()
    {
        _slack.Setup(p => p.GetTeamAsync(Ws, "usergroup:SNOPE", It.IsAny<CancellationToken>())).ReturnsAsync((TeamMembers?)null);

        await Assert.ThrowsAsync<InsightsTeamNotFoundException>(() => Query().GetAsync(Ws, "usergroup:SNOPE", default));
    }

    [Fact]
    public async Task Get_Workspace_OnAPlatformThatKnowsOnlySomeMembers_CountsThePeopleSeenToo()
    {
        // Teams: the rosters of the teams the bot is in, not the tenant; someone who only uses the bot in their 1:1 still counts.
        _options.Weeks = 1;
        _slack.SetupGet(p => p.KnowsEveryMember).Returns(false);
        _slack.Setup(p => p.WorkspaceMembersAsync(Ws, It.IsAny<CancellationToken>())).ReturnsAsync(["U1", "U2", "U3"]);
        _store.Setup(s => s.ReadWeekAsync(Ws, It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(
            [new InsightsEntry("U3", InsightsMeasures.Given, 1), new InsightsEntry("U9", InsightsMeasures.Given, 2)]);

        var report = await Query().GetAsync(Ws, null, default);

        Assert.Equal(4, report.People);
    }

    [Fact]
    public async Task Get_Team_ReadsTheConfiguredWeeks_AndCountsOnlyItsMembers()
    {
        _options.Weeks = 3;
        var members = new[] { "U1", "U2", "U3", "U4", "U5" };
        _slack.Setup(p => p.GetTeamAsync(Ws, "usergroup:S1", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new TeamMembers(new InsightsTeam("usergroup:S1", "@design", "usergroup"), members));
        _slack.Setup(p => p.WorkspaceMembersAsync(Ws, It.IsAny<CancellationToken>()))
            .ReturnsAsync(members.Concat(["U6", "U7", "U8", "U9", "U10"]).ToArray());
        var weeks = InsightsWeek.Last(Now, 3);
        var thisWeek = weeks[^1];
        _store.Setup(s => s.ReadWeekAsync(Ws, It.IsIn<string>(weeks), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        _store.Setup(s => s.ReadWeekAsync(Ws, thisWeek, It.IsAny<CancellationToken>())).ReturnsAsync(
            Enumerable.Range(1, 10).Select(i => new InsightsEntry($"U{i}", InsightsMeasures.Given, i)).ToArray());

        var report = await Query().GetAsync(Ws, "usergroup:S1", default);

        Assert.Equal(["2026-W46", "2026-W47", "2026-W48"], weeks);
        Assert.Equal("@design", report.ScopeName);
        Assert.Equal(5, report.People);
        Assert.Equal(5, report.MinGroupSize);
        var given = report.Series[0].Points;
        Assert.Equal(weeks, given.Select(p => p.Label));
        Assert.Equal(1 + 2 + 3 + 4 + 5, given[^1].Value);
        _store.Verify(s => s.ReadWeekAsync(Ws, It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Exactly(3));
    }

    private InsightsQuery Query() =>
        new([_slack.Object], _store.Object, Options.Create(_options), new FakeTimeProvider(Now), NullLogger<InsightsQuery>.Instance);
}
