using System.Globalization;
using System.Text.RegularExpressions;
using FeedbackBot.Core.Digest;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;

namespace FeedbackBot.Core.Growth;

/// <summary>A short quote of received feedback. <see cref="From"/> is null when the giver stayed anonymous.</summary>
public sealed record ReviewQuote(string FeedbackId, PersonRef? From, string Text, DateTimeOffset At);

/// <summary>One theme's part of the summary (<see cref="Name"/> null: feedback and commitments with no theme).</summary>
public sealed record ReviewTheme(
    string? Name,
    IReadOnlyList<ReviewQuote> Praised,
    IReadOnlyList<ReviewQuote> Suggested,
    IReadOnlyList<CommitmentView> Commitments);

/// <summary>A request of the person's that people answered in the period: its question and how many answers came.</summary>
public sealed record AnsweredRequest(string RequestId, string Question, int Answers);

/// <summary>The private review-prep summary: everything since <see cref="Since"/>, grouped by theme.</summary>
public sealed record ReviewPrep(DateTimeOffset Since, IReadOnlyList<ReviewTheme> Themes, IReadOnlyList<AnsweredRequest> RequestsAnswered)
{
    public bool IsEmpty => Themes.Count == 0 && RequestsAnswered.Count == 0;
}

/// <summary>
/// Builds a person's review-prep summary: the feedback they received since a date (praise and suggestions, as short
/// quotes; an anonymous giver has no name anywhere in it), their commitments with outcomes, and their requests that
/// were answered — grouped by their own themes. Reads only the person's own data.
/// </summary>
// The growth store is optional: without one (a host with no storage) the summary still shows feedback and requests.
public sealed class BuildReviewPrep(IFeedbackStore feedback, Ports.IRequestStore requests, IGrowthStore? store = null)
{
    public const int QuoteLength = 160;
    private const int ReceivedLimit = 500;
    private const int MaxQuotesPerList = 5;

    public async Task<ReviewPrep> BuildAsync(PersonRef person, DateTimeOffset since, CancellationToken ct)
    {
        var received = (await feedback.ListReceivedAsync(person, ReceivedLimit, ct, since))
            .Where(f => f.Recipient == person && f.Delivery != DeliveryStatus.Failed && f.CreatedAt >= since)
            .OrderBy(f => f.CreatedAt)
            .ToArray();
        var themes = store is null ? [] : await store.ListThemesAsync(person, ct);
        var commitments = (store is null ? [] : await store.ListCommitmentsAsync(person, ct))
            .Where(c => c.Owner == person && (c.CreatedAt >= since || c.IsOpen || c.OutcomeAt >= since))
            .ToArray();

        // A feedback item's theme: the theme it is attached to, else the theme of a commitment made from it.
        string? ThemeOf(FeedbackItem item) =>
            themes.FirstOrDefault(t => t.FeedbackIds.Contains(item.Id))?.Id
            ?? commitments.Where(c => c.FeedbackId == item.Id).Select(ThemeOfCommitment).FirstOrDefault(id => id is not null);

        string? ThemeOfCommitment(Commitment c) => themes.Any(t => t.Id == c.ThemeId) ? c.ThemeId : null;

        var sections = new List<ReviewTheme>();
        foreach (var themeId in themes.Select(t => (string?)t.Id).Append(null))
        {
            var items = received.Where(f => ThemeOf(f) == themeId).ToArray();
            var mine = commitments.Where(c => ThemeOfCommitment(c) == themeId).ToArray();
            if (items.Length == 0 && mine.Length == 0)
            {
                continue;
            }

            sections.Add(new ReviewTheme(
                themes.FirstOrDefault(t => t.Id == themeId)?.Name,
                Quotes(items.Where(f => f.Kind == FeedbackKind.Praise)),
                Quotes(items.Where(f => f.Kind != FeedbackKind.Praise)),
                mine.Select(c => c.ToView()).ToArray()));
        }

        var answered = new List<AnsweredRequest>();
        foreach (var group in received.Where(f => f.RequestId is not null).GroupBy(f => f.RequestId!))
        {
            if (await requests.GetAsync(group.Key, ct) is { } request && request.Requester == person)
            {
                answered.Add(new AnsweredRequest(request.Id, request.Question, group.Count()));
            }
        }

        return new ReviewPrep(since, sections, answered);
    }

    private static ReviewQuote[] Quotes(IEnumerable<FeedbackItem> items) =>
        items.OrderByDescending(f => f.CreatedAt).Take(MaxQuotesPerList)
            .Select(f => new ReviewQuote(f.Id, f.Anonymous ? null : f.Giver, BuildWeeklyDigest.Excerpt(f.Content.PlainText, QuoteLength), f.CreatedAt))
            .ToArray();
}

/// <summary>Reads the <c>[since]</c> of review prep: empty (6 months), "3 months", "2 weeks", "10 days", "1 year" or a date "2026-01-01".</summary>
public static partial class ReviewPeriod
{
    public static readonly int DefaultMonths = 6;

    [GeneratedRegex(@"^(\d{1,3})\s*(day|days|week|weeks|month|months|year|years)$", RegexOptions.IgnoreCase)]
    private static partial Regex Span();

    /// <summary>The start of the period, at local midnight in <paramref name="zone"/>; false when the text is not understood or in the future.</summary>
    public static bool TryParse(string? text, DateTimeOffset now, TimeZoneInfo zone, out DateTimeOffset since)
    {
        var today = Nudges.WorkingTime.LocalDate(now, zone);
        var t = (text ?? "").Trim();
        DateOnly? start = null;
        if (t.Length == 0)
        {
            start = today.AddMonths(-DefaultMonths);
        }
        else if (DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            start = date;
        }
        else if (Span().Match(t) is { Success: true } m && int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) is var n and > 0)
        {
            start = m.Groups[2].Value.ToLowerInvariant().TrimEnd('s') switch
            {
                "day" => today.AddDays(-n),
                "week" => today.AddDays(-7 * n),
                "month" => today.AddMonths(-Math.Min(n, 120)),
                _ => today.AddYears(-Math.Min(n, 10)),
            };
        }

        since = start is { } s ? Nudges.WorkingTime.FromLocal(s, TimeOnly.MinValue, zone) : default;
        return start is not null && since <= now;
    }
}
