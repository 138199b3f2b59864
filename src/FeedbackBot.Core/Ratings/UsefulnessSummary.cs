using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;

namespace FeedbackBot.Core.Ratings;

/// <summary>
/// What a giver may learn about how useful their feedback was: counts over a period and the most valued reason,
/// never who rated what. Exists only when at least <see cref="MinDistinctRaters"/> different recipients rated, so
/// one or two people's private ratings cannot be read off it.
/// </summary>
public sealed record UsefulnessSummary(int Helpful, int Rated, UsefulReason? MostValued)
{
    /// <summary>The smallest number of different recipients whose ratings may be shown together.</summary>
    public const int MinDistinctRaters = 3;

    /// <summary>How far back the digest looks ("this month": the last 30 days, rolling like the digest's week).</summary>
    public static readonly TimeSpan Period = TimeSpan.FromDays(30);

    // Sent feedback read per aggregate; a giver's month never comes near it.
    private const int SentLimit = 1000;

    /// <summary>
    /// The summary of <paramref name="giver"/>'s feedback created since <paramref name="since"/>, or null when fewer
    /// than <see cref="MinDistinctRaters"/> different recipients rated it. Each rating is looked up under its
    /// recipient, so a rating removed by delete-my-data drops out at once.
    /// </summary>
    public static async Task<UsefulnessSummary?> ForGiverAsync(
        IFeedbackStore feedback, IRatingStore ratings, PersonRef giver, DateTimeOffset since, CancellationToken ct)
    {
        var sent = await feedback.ListSentAsync(giver, SentLimit, ct, since);
        var rated = new List<(FeedbackItem Item, UsefulRating Rating)>();
        foreach (var item in sent.Where(i => i.Delivery == DeliveryStatus.Delivered))
        {
            if (await ratings.GetAsync(item.Recipient, item.Id, ct) is { } rating)
            {
                rated.Add((item, rating));
            }
        }

        return From(rated);
    }

    /// <summary>The rule on its own: null below the distinct-rater floor; ties of the most valued reason go to the first in enum order.</summary>
    public static UsefulnessSummary? From(IReadOnlyList<(FeedbackItem Item, UsefulRating Rating)> rated)
    {
        if (rated.Select(r => r.Item.Recipient).Distinct().Count() < MinDistinctRaters)
        {
            return null;
        }

        var helpful = rated.Where(r => r.Rating.Helpful).ToArray();
        var mostValued = helpful.SelectMany(r => r.Rating.Reasons)
            .GroupBy(r => r)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key)
            .Select(g => (UsefulReason?)g.Key)
            .FirstOrDefault();
        return new UsefulnessSummary(helpful.Length, rated.Count, mostValued);
    }
}
