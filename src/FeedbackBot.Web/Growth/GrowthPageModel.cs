using FeedbackBot.Core.Ports;
using FeedbackBot.Web.Charts;

namespace FeedbackBot.Web.Growth;

/// <summary>Everything the growth page shows, already decided: who may see what was settled while building it.</summary>
public sealed record GrowthPageModel(
    string PersonName,
    GrowthFilter Filter,
    IReadOnlyList<Option> ThemeOptions,
    IReadOnlyList<Option> GiverOptions,
    IReadOnlyList<TimelineEntry> Timeline,
    int? TimelineTotal,
    FeedbackCursor? Older,
    IReadOnlyList<ThemeSummary> Themes,
    IReadOnlyList<CommitmentRow> Commitments,
    IReadOnlyList<Chart> Charts,
    IReadOnlyList<Option> DataActions)
{
    /// <summary>Whether this is a later page (an "older" link was followed).</summary>
    public bool IsLaterPage => Filter.Before is not null;
}

/// <summary>A select option or a link: value (or URL) and label.</summary>
public sealed record Option(string Value, string Label);

/// <summary>
/// One received item. <see cref="From"/> is "Anonymous" for anonymous feedback: the giver is not in the model at
/// all, so no page or filter can show it.
/// </summary>
public sealed record TimelineEntry(DateTimeOffset At, string Kind, string From, IReadOnlyList<(string Part, string Text)> Parts, IReadOnlyList<string> Themes, string? FromRequest);

public sealed record ThemeSummary(string Id, string Name, int Items, int Commitments);

public sealed record CommitmentRow(string Text, string? Theme, DateTimeOffset CreatedAt, CommitmentOutcome Outcome, DateTimeOffset? OutcomeAt)
{
    public string OutcomeText => Outcome switch
    {
        CommitmentOutcome.GoingWell => "Going well",
        CommitmentOutcome.NotYet => "Not yet",
        CommitmentOutcome.Done => "Done",
        _ => "Open",
    };
}
