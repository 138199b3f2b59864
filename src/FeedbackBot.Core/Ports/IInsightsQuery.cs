using FeedbackBot.Core.People;

namespace FeedbackBot.Core.Ports;

/// <summary>
/// k-anonymous team insights for a workspace's admins (issue 14): only aggregates over groups of at least
/// <c>Insights:MinGroupSize</c> distinct people; smaller cells come back suppressed. Never any feedback text,
/// question text or per-person figure.
/// </summary>
public interface IInsightsQuery
{
    /// <summary>Whether <paramref name="person"/> may see their workspace's insights (platform admin/owner or <c>Insights:Admins</c>).</summary>
    Task<bool> IsAdminAsync(PersonRef person, CancellationToken ct);

    /// <summary>The teams an admin may pick (a Slack user group or channel), by id and name.</summary>
    Task<IReadOnlyList<InsightsTeam>> ListTeamsAsync(WorkspaceRef workspace, CancellationToken ct);

    /// <summary>The report for the whole workspace (<paramref name="teamId"/> null) or one team.</summary>
    Task<InsightsReport> GetAsync(WorkspaceRef workspace, string? teamId, CancellationToken ct);
}

/// <summary>A team an admin may pick: <see cref="Kind"/> is <c>usergroup</c> or <c>channel</c>.</summary>
public sealed record InsightsTeam(string Id, string Name, string Kind);

/// <summary>A report: what it covers, the group-size floor, and its series (one chart or table each).</summary>
public sealed record InsightsReport(string ScopeName, int People, int MinGroupSize, IReadOnlyList<InsightsSeries> Series);

/// <summary>One measure over time or by category, with a title and an accessible description.</summary>
public sealed record InsightsSeries(string Title, string Description, string Unit, IReadOnlyList<InsightsPoint> Points);

/// <summary>One cell: its label (a week, a criterion), its value, or suppressed (null value) when fewer than the floor.</summary>
public sealed record InsightsPoint(string Label, double? Value, bool Suppressed);
