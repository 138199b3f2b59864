using FeedbackBot.Core.Insights;
using FeedbackBot.Core.People;

namespace FeedbackBot.Core.Feedback;

/// <summary>Who may read a piece of feedback besides its recipient.</summary>
public enum FeedbackVisibility
{
    /// <summary>Only the recipient (and the giver, who wrote it).</summary>
    Private,
    /// <summary>The recipient and the recipient's manager, when the directory knows one.</summary>
    SharedWithManager,
}

/// <summary>Where a delivery stands. A delivered item is never sent again.</summary>
public enum DeliveryStatus
{
    Pending,
    Delivered,
    Failed,
}

/// <summary>A link to what the feedback is about, e.g. a chat message, with a short excerpt and its author.</summary>
public sealed record SourceLink(string Url, string? Excerpt = null, PersonRef? Author = null);

/// <summary>The written feedback: the template and its parts, keyed by <see cref="TemplateParts"/> names.</summary>
public sealed record FeedbackContent(FeedbackTemplate Template, IReadOnlyDictionary<string, string> Parts)
{
    public static FeedbackContent FromText(string text) =>
        new(FeedbackTemplate.Free, new Dictionary<string, string> { [TemplateParts.Text] = text });

    /// <summary>The non-empty parts in template order.</summary>
    public IEnumerable<(string Part, string Text)> FilledParts() =>
        TemplateParts.For(Template)
            .Select(p => (p, Parts.TryGetValue(p, out var t) ? t.Trim() : ""))
            .Where(x => x.Item2.Length > 0);

    /// <summary>All parts joined: what a reader or the coach sees as one text.</summary>
    public string PlainText => string.Join("\n", FilledParts().Select(x => x.Text));
}

/// <summary>
/// One piece of feedback from a giver to one recipient. <see cref="DeliveryAttempts"/> and
/// <see cref="SendStartedAt"/> are the delivery's own memory: once a send has started, every later attempt first
/// asks the platform whether that message arrived, so a crash or an ambiguous answer never sends it twice.
/// <see cref="Coach"/> is the coach's verdict on the text, reviewed once when the give was saved (null on items
/// saved before verdicts were stored).
/// </summary>
public sealed record FeedbackItem(
    string Id,
    PersonRef Giver,
    PersonRef Recipient,
    FeedbackContent Content,
    FeedbackKind Kind,
    FeedbackVisibility Visibility,
    bool Anonymous,
    SourceLink? Source,
    string? RequestId,
    DateTimeOffset CreatedAt,
    DeliveryStatus Delivery = DeliveryStatus.Pending,
    DateTimeOffset? DeliveredAt = null,
    string? DeliveryError = null,
    int DeliveryAttempts = 0,
    DateTimeOffset? SendStartedAt = null,
    CoachVerdicts? Coach = null)
{
    /// <summary>Whether <paramref name="reader"/> may see this feedback. Private by default.</summary>
    public bool IsVisibleTo(PersonRef reader, PersonRef? recipientsManager) =>
        reader == Recipient
        || reader == Giver
        || (Visibility == FeedbackVisibility.SharedWithManager && recipientsManager is not null && reader == recipientsManager);
}
