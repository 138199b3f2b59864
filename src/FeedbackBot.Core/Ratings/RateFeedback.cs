using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;

namespace FeedbackBot.Core.Ratings;

/// <summary>
/// "Was it useful?" on delivered feedback: only its recipient may rate it; one tap sets helpful or not (a later tap
/// changes it); reasons toggle one by one and only count for a helpful rating (tapping one marks it helpful).
/// </summary>
public sealed class RateFeedback(IFeedbackStore feedback, IRatingStore ratings, TimeProvider time)
{
    /// <summary>Sets helpful or not; null when the item does not exist or <paramref name="rater"/> is not its recipient.</summary>
    public async Task<UsefulRating?> RateAsync(PersonRef rater, string feedbackId, bool helpful, CancellationToken ct)
    {
        if (!await IsRecipientAsync(rater, feedbackId, ct))
        {
            return null;
        }

        var current = await ratings.GetAsync(rater, feedbackId, ct);
        var rating = new UsefulRating(feedbackId, helpful, helpful ? current?.Reasons ?? [] : [], time.GetUtcNow());
        await ratings.SetAsync(rater, rating, ct);
        return rating;
    }

    /// <summary>Adds or removes one reason (and marks the feedback helpful); null as for <see cref="RateAsync"/>.</summary>
    public async Task<UsefulRating?> ToggleReasonAsync(PersonRef rater, string feedbackId, UsefulReason reason, CancellationToken ct)
    {
        if (!await IsRecipientAsync(rater, feedbackId, ct))
        {
            return null;
        }

        var current = await ratings.GetAsync(rater, feedbackId, ct);
        var reasons = current is { Helpful: true } ? current.Reasons.ToList() : [];
        if (!reasons.Remove(reason))
        {
            reasons.Add(reason);
        }

        var rating = new UsefulRating(feedbackId, true, reasons.Distinct().Order().ToArray(), time.GetUtcNow());
        await ratings.SetAsync(rater, rating, ct);
        return rating;
    }

    private async Task<bool> IsRecipientAsync(PersonRef rater, string feedbackId, CancellationToken ct) =>
        Ids.IsPlausible(feedbackId) && await feedback.GetAsync(feedbackId, ct) is { Delivery: DeliveryStatus.Delivered } item && item.Recipient == rater;
}
