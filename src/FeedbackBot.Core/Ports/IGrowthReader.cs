using FeedbackBot.Core.People;

namespace FeedbackBot.Core.Ports;

/// <summary>
/// A person's growth record as read by surfaces that only show it (the web page, review prep): their themes, which
/// received feedback each theme is attached to, and their commitments with outcomes. Private to the person.
/// </summary>
public interface IGrowthReader
{
    Task<GrowthRecord> GetAsync(PersonRef person, CancellationToken ct);
}

/// <summary>A person's themes and commitments.</summary>
public sealed record GrowthRecord(IReadOnlyList<GrowthTheme> Themes, IReadOnlyList<CommitmentView> Commitments)
{
    public static readonly GrowthRecord Empty = new([], []);
}

/// <summary>A growth theme ("delegation") and the ids of the received feedback items attached to it.</summary>
public sealed record GrowthTheme(string Id, string Name, IReadOnlyList<string> FeedbackIds);

/// <summary>What a commitment came to, so far.</summary>
public enum CommitmentOutcome
{
    Open,
    GoingWell,
    NotYet,
    Done,
}

/// <summary>A private commitment ("what will you try?"), linked to the feedback it answers and to a theme.</summary>
public sealed record CommitmentView(
    string Id,
    string Text,
    string? ThemeId,
    string? FeedbackId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CheckInAt,
    CommitmentOutcome Outcome,
    DateTimeOffset? OutcomeAt);
