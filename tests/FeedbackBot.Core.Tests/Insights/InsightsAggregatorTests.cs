using System.Text.Json;
using FeedbackBot.Core.Insights;
using FeedbackBot.Core.Ports;

namespace FeedbackBot.Core.Tests.Insights;

/// <summary>The k-anonymity rule on real reports: the floor, exactly at and one below it, overlapping teams, the workspace-minus-team difference.</summary>
public sealed class InsightsAggregatorTests
{
    private const int K = 5;
    private const string Week = "2026-W48";
    private const string Given = "Feedback given per week";

    private static readonly string[] Everyone = Enumerable.Range(1, 20).Select(i => $"U{i:D2}").ToArray();

    [Fact]
    public void Cell_OverMinGroupSizeMinusOnePeople_IsSuppressed()
    {
        var report = Report(team: null, GivenBy(Everyone[..(K - 1)], each: 3));

        var cell = Point(report, Given);
        Assert.True(cell.Suppressed);
        Assert.Null(cell.Value);
    }

    [Fact]
    public void Cell_OverExactlyMinGroupSizePeople_IsShown()
    {
        var report = Report(team: null, GivenBy(Everyone[..K], each: 3));

        var cell = Point(report, Given);
        Assert.False(cell.Suppressed);
        Assert.Equal(3 * K, cell.Value);
    }

    [Fact]
    public void Cell_CountsDistinctPeople_NotItems()
    {
        // Four people giving 100 items between them are still four people.
        var report = Report(team: null, GivenBy(Everyone[..(K - 1)], each: 25));

        Assert.True(Point(report, Given).Suppressed);
    }

    [Fact]
    public void OnePersonInTwoTeams_CountsOnceInEach_AndOnceInTheWorkspace()
    {
        // U01 is in both teams; the workspace is exactly their union at first.
        var teamA = Everyone[..5];            // U01..U05
        var teamB = Everyone[5..9].Append("U01").ToArray(); // U06..U09 + U01
        var entries = GivenBy(Everyone[..9], each: 2);

        var workspace = Report(team: null, entries, members: Everyone[..9]);
        Assert.Equal(18, Point(workspace, Given).Value); // nine people, each once

        // Team A: five givers, but the workspace's other four (U06..U09) would be the difference: suppressed.
        Assert.True(Point(Report(teamA, entries, members: Everyone[..9]), Given).Suppressed);

        // With five more people giving elsewhere, both teams show, U01 counted once in each.
        var more = GivenBy(Everyone[..14], each: 2);
        Assert.Equal(10, Point(Report(teamA, more, members: Everyone[..14]), Given).Value);
        Assert.Equal(10, Point(Report(teamB, more, members: Everyone[..14]), Given).Value);
        Assert.Equal(28, Point(Report(null, more, members: Everyone[..14]), Given).Value);
    }

    [Theory]
    [InlineData(7, true)]   // workspace 7 givers, team 5: the difference would be over 2 people
    [InlineData(9, true)]   // … over 4 = K − 1
    [InlineData(10, false)] // … over 5 = K: shown
    [InlineData(5, false)]  // the team is everyone who gave: nothing to subtract
    public void WorkspaceMinusTeam_SmallDifference_SuppressesTheTeamCell(int workspaceGivers, bool suppressed)
    {
        var team = Everyone[..5];
        var entries = GivenBy(Everyone[..workspaceGivers], each: 1);

        var teamCell = Point(Report(team, entries, members: Everyone[..Math.Max(workspaceGivers, 10)]), Given);
        var workspaceCell = Point(Report(null, entries, members: Everyone[..Math.Max(workspaceGivers, 10)]), Given);

        Assert.Equal(suppressed, teamCell.Suppressed);
        Assert.False(workspaceCell.Suppressed); // the workspace itself is always over ≥ K here
    }

    [Fact]
    public void TeamSmallerThanMinGroupSize_EveryCellSuppressed()
    {
        var team = Everyone[..(K - 1)];
        var entries = Everyone.SelectMany(u => new[]
        {
            E(u, InsightsMeasures.Given, 2), E(u, InsightsMeasures.Received, 2), E(u, InsightsMeasures.Asked, 2),
            E(u, InsightsMeasures.Answered, 1), E(u, InsightsMeasures.Nudged, 1), E(u, InsightsMeasures.NudgeAnswered, 1),
            E(u, InsightsMeasures.TimeToFeedback, 3600, "r-" + u), E(u, InsightsMeasures.CoachApplies("specific"), 1),
            E(u, InsightsMeasures.Digest(DigestAction.Snooze), 1),
        }).ToArray();

        var report = Report(team, entries, members: Everyone);

        Assert.Equal(K - 1, report.People);
        Assert.All(report.Series.SelectMany(s => s.Points), p => Assert.True(p.Suppressed && p.Value is null, p.Label));
        // The same data over the whole workspace shows every measured cell.
        var whole = Report(null, entries, members: Everyone);
        Assert.False(Point(whole, Given).Suppressed);
        Assert.False(Point(whole, "Median time to feedback").Suppressed);
    }

    [Fact]
    public void ActiveShare_IsOverTheTeamsMembers_NotOnlyTheActive()
    {
        var team = Everyone[..10];
        var entries = GivenBy(Everyone[..2], each: 1).Concat([E("U03", InsightsMeasures.Received, 1)]).ToArray();

        var report = Report(team, entries, members: Everyone[..10]);

        Assert.Equal(30, Point(report, "People who gave or received feedback").Value); // 3 of 10
        // Two givers are below the floor for the volume, though.
        Assert.True(Point(report, Given).Suppressed);
    }

    [Fact]
    public void ActiveShare_WorkspaceMinusTeamOfFewerThanK_IsSuppressed()
    {
        // Workspace of 8 people, team of 6: the share over the other 2 would follow from the two reports.
        var report = Report(Everyone[..6], GivenBy(Everyone[..6], 1), members: Everyone[..8]);

        Assert.True(Point(report, "People who gave or received feedback").Suppressed);
        Assert.False(Point(Report(null, GivenBy(Everyone[..6], 1), members: Everyone[..8]), "People who gave or received feedback").Suppressed);
    }

    [Fact]
    public void RatesAndMedian_AreOverThePeopleTheyAreAbout()
    {
        var asked = Everyone[..6];
        var entries = asked.SelectMany((u, i) => new[]
        {
            E(u, InsightsMeasures.Asked, 2),
            E(u, InsightsMeasures.Answered, i < 3 ? 2 : 1),                            // 9 of 12 answered
            E(u, InsightsMeasures.TimeToFeedback, (i + 1) * 3600, "req-a"),             // 1..6 h
            E(u, InsightsMeasures.Nudged, 2), E(u, InsightsMeasures.NudgeAnswered, 1),  // 6 of 12 within 24 h
        }).ToArray();

        var report = Report(null, entries, members: asked);

        Assert.Equal(75, Point(report, "Requests answered").Value);
        Assert.Equal(3.5, Point(report, "Median time to feedback").Value);
        Assert.Equal(50, Point(report, "Nudges followed by an answer within 24 h").Value);
    }

    [Fact]
    public void CoachAndDigest_AreOverTheWholePeriod_PerCriterionAndButton()
    {
        var weeks = new[]
        {
            new InsightsWeekEntries("2026-W47", Everyone[..3].SelectMany(u => Coach(u, "specific", met: 1)).Append(E("U01", InsightsMeasures.Digest(DigestAction.Snooze), 4)).ToArray()),
            new InsightsWeekEntries(Week, Everyone[3..5].SelectMany(u => Coach(u, "specific", met: 0)).ToArray()),
        };

        var report = InsightsAggregator.Build(new InsightsScope("ws", null, Everyone.ToHashSet()), weeks, K);

        var coach = report.Series.Single(s => s.Title == "Feedback meeting each coach criterion").Points;
        Assert.Equal(60, coach.Single(p => p.Label == "specific").Value); // 3 of 5 givers' gives met it, 5 people over two weeks
        Assert.True(coach.Single(p => p.Label == "why").Suppressed);     // nobody judged on it
        var digest = report.Series.Single(s => s.Title == "Weekly digest actions").Points;
        Assert.True(digest.Single(p => p.Label == "Snooze this week").Suppressed); // one person, four presses
    }

    [Fact]
    public void Report_CarriesNoUserIdsAndNoText()
    {
        var entries = Everyone.SelectMany(u => new[] { E(u, InsightsMeasures.Given, 1), E(u, InsightsMeasures.TimeToFeedback, 60, "slack.T1.req") }).ToArray();

        var json = JsonSerializer.Serialize(Report(Everyone[..10], entries, members: Everyone));

        Assert.DoesNotContain("U0", json);
        Assert.DoesNotContain("U1", json);
        Assert.DoesNotContain("slack.T1", json);
    }

    private static InsightsReport Report(string[]? team, IReadOnlyList<InsightsEntry> entries, string[]? members = null) =>
        InsightsAggregator.Build(
            new InsightsScope(team is null ? "Whole workspace" : "@team", team?.ToHashSet(), (members ?? Everyone).ToHashSet()),
            [new InsightsWeekEntries(Week, entries)],
            K);

    private static InsightsPoint Point(InsightsReport report, string title) =>
        report.Series.Single(s => s.Title == title).Points.Single(p => p.Label == Week);

    private static InsightsEntry[] GivenBy(IEnumerable<string> users, int each) =>
        users.Select(u => E(u, InsightsMeasures.Given, each)).ToArray();

    private static IEnumerable<InsightsEntry> Coach(string user, string criterion, int met) =>
        [E(user, InsightsMeasures.CoachApplies(criterion), 1), E(user, InsightsMeasures.CoachMet(criterion), met)];

    private static InsightsEntry E(string user, string measure, long value, string? sample = null) => new(user, measure, value, sample);
}
