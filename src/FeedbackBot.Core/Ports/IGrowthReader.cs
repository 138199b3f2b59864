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

/// <summary>
/// What the growth page reads about one person that stays small however long their history: monthly figures kept
/// up to date when feedback is saved and requests are answered, and their received feedback a page at a time.
/// </summary>
public interface IGrowthFigures
{
    /// <summary>
    /// The person's monthly figures. The first time (figures kept since before this existed, or lost), they are
    /// counted once from everything stored and kept from then on.
    /// </summary>
    Task<Insights.PersonFigures> GetAsync(PersonRef person, CancellationToken ct);

    /// <summary>
    /// Feedback <paramref name="person"/> received, newest first: at most <paramref name="max"/> items strictly
    /// older than <paramref name="before"/> (null: from the newest), created at or after <paramref name="since"/>.
    /// Fewer than <paramref name="max"/> means there is nothing older.
    /// </summary>
    Task<IReadOnlyList<Feedback.FeedbackItem>> ListReceivedAsync(PersonRef person, FeedbackCursor? before, DateTimeOffset? since, int max, CancellationToken ct);
}

/// <summary>
/// A place in a person's received feedback (newest first): an item's creation time (Unix ms) and id. In URLs as
/// <c>{ms}_{id}</c>: an id, never text.
/// </summary>
public sealed record FeedbackCursor(long At, string Id)
{
    public static FeedbackCursor Of(Feedback.FeedbackItem item) => new(item.CreatedAt.ToUnixTimeMilliseconds(), item.Id);

    /// <summary>Whether an item at <paramref name="at"/> with <paramref name="id"/> comes after this place (is older).</summary>
    public bool IsBefore(long at, string id) => at < At || (at == At && string.CompareOrdinal(id, Id) < 0);

    public override string ToString() => $"{At}_{Id}";

    public static FeedbackCursor? Parse(string? text) =>
        text?.Split('_', 2) is [var at, { Length: > 0 and <= 120 } id] && long.TryParse(at, out var ms) && ms >= 0 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-')
            ? new FeedbackCursor(ms, id)
            : null;
}
