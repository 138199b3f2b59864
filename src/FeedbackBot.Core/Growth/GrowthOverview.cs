using FeedbackBot.Core.Digest;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Ratings;

namespace FeedbackBot.Core.Growth;

/// <summary>One of the person's themes in their overview: how many received items it holds and the latest of them.</summary>
public sealed record ThemeOverview(string Id, string Name, int Count, IReadOnlyList<ReviewQuote> Latest);

/// <summary>
/// A person's growth at a glance, private to them: their themes (count and latest received items each), their open
/// commitments (not done, oldest first) and how useful recipients found the feedback they gave (only once enough
/// different recipients rated it, see <see cref="UsefulnessSummary"/>).
/// </summary>
public sealed record GrowthOverview(
    IReadOnlyList<ThemeOverview> Themes,
    IReadOnlyList<CommitmentView> Open,
    UsefulnessSummary? Usefulness)
{
    public bool IsEmpty => Themes.Count == 0 && Open.Count == 0 && Usefulness is null;

    /// <summary>The theme a commitment is filed under, if it still exists.</summary>
    public string? ThemeOf(CommitmentView commitment) => Themes.FirstOrDefault(t => t.Id == commitment.ThemeId)?.Name;

    /// <summary>The open commitments of a record, oldest first: what Home, the inbox and the overview list.</summary>
    public static IReadOnlyList<CommitmentView> OpenOf(GrowthRecord record) =>
        record.Commitments.Where(c => c.Outcome != CommitmentOutcome.Done).OrderBy(c => c.CreatedAt).ToArray();
}

/// <summary>
/// Reads <see cref="GrowthOverview"/> for one person from their own data only: the growth record
/// (<see cref="GrowthBook.ReadAsync"/>), the received items filed under each theme (an anonymous giver carries no
/// name: <see cref="ReviewQuote.From"/> is null) and the giver-side usefulness aggregate.
/// </summary>
// Growth and rating storage are optional, as for Home: without them the overview is simply empty.
public sealed class ReadGrowthOverview(IFeedbackStore feedback, TimeProvider time, IGrowthStore? growth = null, IRatingStore? ratings = null)
{
    /// <summary>Latest received items shown per theme.</summary>
    public const int LatestPerTheme = 2;

    // Items read per theme to find its latest (filing order is not creation order); a theme's tail is enough.
    private const int ReadPerTheme = 10;

    public async Task<GrowthOverview> ReadAsync(PersonRef person, CancellationToken ct)
    {
        var record = await GrowthBook.ReadAsync(growth, person, ct);
        var themes = new List<ThemeOverview>();
        foreach (var theme in record.Themes)
        {
            var items = new List<FeedbackItem>();
            foreach (var id in theme.FeedbackIds.TakeLast(ReadPerTheme))
            {
                // Only the person's own received items: a theme holds nothing else, but the overview checks anyway.
                if (await feedback.GetAsync(id, ct) is { } item && item.Recipient == person && item.Delivery != DeliveryStatus.Failed)
                {
                    items.Add(item);
                }
            }

            themes.Add(new ThemeOverview(theme.Id, theme.Name, theme.FeedbackIds.Count,
                items.OrderByDescending(i => i.CreatedAt).Take(LatestPerTheme)
                    .Select(i => new ReviewQuote(i.Id, i.Anonymous ? null : i.Giver, BuildWeeklyDigest.Excerpt(i.Content.PlainText, BuildReviewPrep.QuoteLength), i.CreatedAt))
                    .ToArray()));
        }

        var usefulness = ratings is null
            ? null
            : await UsefulnessSummary.ForGiverAsync(feedback, ratings, person, time.GetUtcNow() - UsefulnessSummary.Period, ct);
        return new GrowthOverview(themes, GrowthOverview.OpenOf(record), usefulness);
    }
}
