using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;

namespace FeedbackBot.Web.Tests;

/// <summary>
/// A stand-in for web-insights' IInsightsQuery, keeping its contract: admins by id, teams by id, and every cell over
/// fewer than <see cref="MinGroupSize"/> people suppressed (value null). The integrator swaps in the real one.
/// </summary>
public sealed class TestInsights(params string[] admins) : IInsightsQuery
{
    public const int MinGroupSize = 5;

    /// <summary>Team id → its members' count: a 3-person team (every cell suppressed) and a 6-person one (shown).</summary>
    public Dictionary<string, (string Name, int People)> Teams { get; } = new()
    {
        ["S3"] = ("Small squad", 3),
        ["G6"] = ("Growth team", 6),
    };

    public Task<bool> IsAdminAsync(PersonRef person, CancellationToken ct) => Task.FromResult(admins.Contains(person.UserId));

    public Task<IReadOnlyList<InsightsTeam>> ListTeamsAsync(WorkspaceRef workspace, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<InsightsTeam>>(Teams.Select(t => new InsightsTeam(t.Key, t.Value.Name, "usergroup")).ToArray());

    public Task<InsightsReport> GetAsync(WorkspaceRef workspace, string? teamId, CancellationToken ct)
    {
        var (name, people) = teamId is null ? ("Whole workspace", 40) : Teams[teamId];
        var hidden = people < MinGroupSize;
        InsightsPoint P(string label, double value) => new(label, hidden ? null : value, hidden);
        return Task.FromResult(new InsightsReport(name, people, MinGroupSize,
        [
            new InsightsSeries("Feedback given per week", "Items given each week by the people in scope.", "",
                [P("W1", 12), P("W2", 9), P("W3", 15), P("W4", 11), P("W5", 14), P("W6", 13), P("W7", 17), P("W8", 16)]),
            new InsightsSeries("Share meeting each coach criterion", "Share of the feedback given that met each criterion.", "%",
                [P("Specific", 72), P("Says why", 64), P("Actionable", 41), P("Kind", 93), P("Timely", 88)]),
        ]));
    }
}

/// <summary>A growth record per person (themes over received items, commitments), as growth-a's reader would give.</summary>
public sealed class TestGrowth : IGrowthReader
{
    public Dictionary<PersonRef, GrowthRecord> Records { get; } = [];

    public Task<GrowthRecord> GetAsync(PersonRef person, CancellationToken ct) =>
        Task.FromResult(Records.GetValueOrDefault(person, GrowthRecord.Empty));
}
