using FeedbackBot.Core.Ports;
using FeedbackBot.Web.Charts;

namespace FeedbackBot.Web.Insights;

/// <summary>The insights page: the team picker, the report's scope and one chart per series.</summary>
public sealed record InsightsPageModel(IReadOnlyList<InsightsTeam> Teams, string? SelectedTeam, InsightsReport Report, IReadOnlyList<Chart> Charts)
{
    public static InsightsPageModel From(IReadOnlyList<InsightsTeam> teams, string? selected, InsightsReport report) =>
        new(teams, selected, report, report.Series.Select((s, i) => ToChart(s, i, report.MinGroupSize)).ToArray());

    /// <summary>
    /// What the picker says a team is: a channel (Slack, Teams), a Teams team, or a group (a Slack user group). Kinds
    /// are the platforms' own (<see cref="InsightsTeam.Kind"/>); any other reads "group".
    /// </summary>
    public static string KindLabel(string kind) => kind switch
    {
        "channel" => "channel",
        "team" => "team",
        _ => "group",
    };

    /// <summary>
    /// One series as a chart. Suppressed cells are gaps in the chart and say "fewer than N people" in the table;
    /// weekly series are lines, the rest bars.
    /// </summary>
    public static Chart ToChart(InsightsSeries series, int index, int minGroupSize)
    {
        var suppressed = series.Points.Count(p => p.Suppressed || p.Value is null);
        var description = series.Description + (suppressed > 0 ? $" {suppressed} of {series.Points.Count} cells are hidden because they cover fewer than {minGroupSize} people." : "");
        var kind = series.Points.Count > 6 ? ChartKind.Lines : ChartKind.Bars;
        return new Chart($"insight-{index}", series.Title, description, series.Unit, kind,
            series.Points.Select(p => p.Label).ToArray(),
            [new ChartSeries(series.Title, series.Points.Select(p => p.Suppressed ? null : p.Value).ToArray())],
            $"fewer than {minGroupSize} people");
    }
}
