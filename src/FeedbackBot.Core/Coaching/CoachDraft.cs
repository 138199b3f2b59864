using FeedbackBot.Core.Feedback;

namespace FeedbackBot.Core.Coaching;

/// <summary>
/// A draft to review: the template it was written in, its parts keyed by <see cref="TemplateParts"/> names,
/// and what the giver told us (the kind of feedback and, if known, the date of the event it is about).
/// <see cref="Locale"/> is the giver's platform locale (<c>es-ES</c>), used when the draft's own language is unclear.
/// </summary>
public sealed record CoachDraft(
    FeedbackTemplate Template,
    IReadOnlyDictionary<string, string> Parts,
    FeedbackKind? Kind = null,
    DateOnly? EventDate = null,
    string? Locale = null)
{
    /// <summary>A free-text draft, keyed by <see cref="TemplateParts.Text"/>.</summary>
    public static CoachDraft FromText(string text, FeedbackKind? kind = null) =>
        new(FeedbackTemplate.Free, new Dictionary<string, string> { [TemplateParts.Text] = text ?? "" }, kind);

    /// <summary>The text of <paramref name="part"/>, or empty when the part is absent.</summary>
    public string Part(string part) => Parts is not null && Parts.TryGetValue(part, out var text) && text is not null ? text : "";
}
