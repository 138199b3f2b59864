using FeedbackBot.Core.People;

namespace FeedbackBot.Core.Ratings;

/// <summary>What made a piece of feedback useful, as its recipient says (optional, several allowed).</summary>
public enum UsefulReason
{
    Specific,
    ExplainedWhy,
    Actionable,
    Kind,
}

/// <summary>
/// A recipient's private "was it useful?" on one piece of feedback they received: helpful or not, and what made it
/// useful. Changeable (the latest tap wins). Never shown to the giver one by one: see <see cref="UsefulnessSummary"/>.
/// </summary>
public sealed record UsefulRating(string FeedbackId, bool Helpful, IReadOnlyList<UsefulReason> Reasons, DateTimeOffset At)
{
    /// <summary>Words for a reason, as the recipient picks it and the giver reads it in the aggregate.</summary>
    public static string Label(UsefulReason reason) => reason switch
    {
        UsefulReason.Specific => "specific",
        UsefulReason.ExplainedWhy => "explained why",
        UsefulReason.Actionable => "actionable",
        UsefulReason.Kind => "kind",
        _ => reason.ToString(),
    };
}

/// <summary>
/// The ratings each person made, kept with the rater (their data: export and delete-my-data take them along).
/// A giver's aggregate is computed from their sent feedback, looking each item's rating up under its recipient.
/// </summary>
public interface IRatingStore
{
    /// <summary>Stores (or replaces) <paramref name="rater"/>'s rating of <see cref="UsefulRating.FeedbackId"/>.</summary>
    Task SetAsync(PersonRef rater, UsefulRating rating, CancellationToken ct);

    /// <summary>The rating <paramref name="rater"/> gave <paramref name="feedbackId"/>, or null.</summary>
    Task<UsefulRating?> GetAsync(PersonRef rater, string feedbackId, CancellationToken ct);

    /// <summary>Every rating <paramref name="rater"/> made.</summary>
    Task<IReadOnlyList<UsefulRating>> ListAsync(PersonRef rater, CancellationToken ct);
}
