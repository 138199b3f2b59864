using System.Globalization;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.Nudges;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Requests;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Core.Digest;

/// <summary>
/// Builds one person's weekly digest from storage: feedback received in the last seven days (count and latest
/// excerpts, anonymous ones without a name), requests they owe, their requests still waiting, one person to
/// thank or help, their streak, and how useful recipients found their feedback this month (only once enough
/// different recipients rated it, see <see cref="Ratings.UsefulnessSummary"/>). Returns null when there is nothing new and
/// <see cref="DigestOptions.SendWhenEmpty"/> is off.
/// </summary>
public sealed class BuildWeeklyDigest(
    IFeedbackStore feedback,
    IRequestStore requests,
    PendingOverview pending,
    IOptions<DigestOptions> options,
    TimeProvider time,
    Growth.IGrowthStore? growth = null,
    Ratings.IRatingStore? ratings = null)
{
    // Enough for any real week; a digest is a summary, not an archive.
    private const int ReceivedLimit = 200;
    private const int SentLimit = 1000;
    private static readonly TimeSpan StreakLookback = TimeSpan.FromDays(7 * 53);

    public async Task<WeeklyDigestNotice?> BuildAsync(PersonContext person, string weekKey, CancellationToken ct)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        var tz = person.Calendar.TimeZone;
        var lookback = now - o.SuggestionLookback;

        // Rolling seven days rather than the calendar week: a Friday digest must not drop last Friday-to-Sunday.
        var received = (await feedback.ListReceivedAsync(person.Person, ReceivedLimit, ct, since: Min(lookback, now.AddDays(-7))))
            .Where(f => f.Delivery == DeliveryStatus.Delivered)
            .ToArray();
        var thisWeek = received.Where(f => f.CreatedAt >= now.AddDays(-7)).OrderByDescending(f => f.CreatedAt).ToArray();
        var sent = await feedback.ListSentAsync(person.Person, SentLimit, ct, since: now - StreakLookback);
        var items = await pending.GetAsync(person.Person, ct);
        var asked = await requests.ListAskedByAsync(person.Person, ct);

        var suggestion = Suggest(person.Person, tz, lookback, received, sent, items.Owed, asked);
        var dueCheckIns = growth is null
            ? []
            : (await growth.ListCommitmentsAsync(person.Person, ct))
                .Where(c => c.IsOpen && c.CheckInAt is { } at && at <= now.AddDays(7))
                .OrderBy(c => c.CheckInAt).Select(c => c.Text).ToArray();
        var usefulness = ratings is null ? null : await Ratings.UsefulnessSummary.ForGiverAsync(feedback, ratings, person.Person, now - Ratings.UsefulnessSummary.Period, ct);
        var nothingNew = thisWeek.Length == 0 && items.IsEmpty && usefulness is null && dueCheckIns.Length == 0;
        if (nothingNew && !o.SendWhenEmpty)
        {
            return null;
        }

        return new WeeklyDigestNotice(
            weekKey,
            thisWeek.Length,
            thisWeek.Take(o.ExcerptCount)
                .Select(f => new DigestExcerpt(f.Id, f.Anonymous ? null : f.Giver, f.Kind, Excerpt(f.Content.PlainText, o.ExcerptLength), f.CreatedAt))
                .ToArray(),
            items.Owed,
            items.Waiting,
            suggestion,
            FeedbackStreak.From(sent.Select(f => f.CreatedAt), now, tz),
            nothingNew,
            usefulness) { DueCheckIns = dueCheckIns };
    }

    /// <summary>
    /// One suggestion, deterministic: the strongest kind wins (help someone waiting on you, then thank someone who
    /// gave you named feedback, then return the favour to someone you asked); within a kind the most pressing
    /// (soonest due, or most recent) wins, and the person key breaks ties. Anonymous feedback never produces a
    /// suggestion, so it cannot hint at its author.
    /// </summary>
    internal static DigestSuggestion? Suggest(
        PersonRef me,
        TimeZoneInfo tz,
        DateTimeOffset since,
        IReadOnlyList<FeedbackItem> received,
        IReadOnlyList<FeedbackItem> sent,
        IReadOnlyList<OwedRequest> owed,
        IReadOnlyList<FeedbackRequest> asked)
    {
        string Day(DateTimeOffset at) => WorkingTime.LocalDate(at, tz).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        bool GaveTo(PersonRef person, DateTimeOffset after) => sent.Any(f => f.Recipient == person && f.CreatedAt >= after);

        var help = owed
            .Where(o => o.Requester != me)
            .OrderBy(o => o.DueAt).ThenBy(o => o.AskedAt).ThenBy(o => o.Requester.Key, StringComparer.Ordinal)
            .FirstOrDefault();
        if (help is not null)
        {
            return new DigestSuggestion(
                help.Requester, SuggestionKind.HelpAsker,
                $"asked you for feedback on \"{Excerpt(help.Question, 80)}\" (due {Day(help.DueAt)}).",
                help.AskedAt, RequestId: help.RequestId);
        }

        var thank = received
            .Where(f => !f.Anonymous && f.Giver != me && f.CreatedAt >= since && !GaveTo(f.Giver, f.CreatedAt))
            .OrderByDescending(f => f.CreatedAt).ThenBy(f => f.Giver.Key, StringComparer.Ordinal)
            .FirstOrDefault();
        if (thank is not null)
        {
            var what = thank.RequestId is null ? "gave you feedback" : "answered your feedback request";
            return new DigestSuggestion(
                thank.Giver, SuggestionKind.ThankGiver,
                $"{what} on {Day(thank.CreatedAt)} and hasn't heard from you since.",
                thank.CreatedAt, FeedbackId: thank.Id);
        }

        var favour = asked
            .Where(r => r.Requester == me && r.CreatedAt >= since)
            .SelectMany(r => r.Recipients.Select(x => (Request: r, x.Person)))
            .Where(x => x.Person != me && !GaveTo(x.Person, since))
            .OrderByDescending(x => x.Request.CreatedAt).ThenBy(x => x.Person.Key, StringComparer.Ordinal)
            .FirstOrDefault();
        if (favour.Request is not null)
        {
            return new DigestSuggestion(
                favour.Person, SuggestionKind.ReturnTheFavour,
                $"you asked them for feedback on {Day(favour.Request.CreatedAt)}; offering yours in return keeps it two-way.",
                favour.Request.CreatedAt, RequestId: favour.Request.Id);
        }

        return null;
    }

    internal static string Excerpt(string text, int length)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= length ? flat : flat[..(length - 1)].TrimEnd() + "…";
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
