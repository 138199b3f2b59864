using System.Globalization;
using FeedbackBot.Core.Coaching;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Requests;
using FeedbackBot.Web.Charts;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Web.Growth;

/// <summary>
/// Builds the growth page of one signed-in person from their own data only: feedback they received (the timeline,
/// filtered) and gave (the coach chart), their growth record, their requests' answers. The person comes from the
/// session, never from the URL, so editing the URL cannot show anyone else's data.
/// </summary>
internal sealed class GrowthPageBuilder(
    IFeedbackStore feedback,
    IRequestStore requests,
    IGrowthReader growth,
    IPeopleDirectory people,
    CoachVerdicts coach,
    TimeProvider time,
    ILogger<GrowthPageBuilder> logger)
{
    /// <summary>Items read per list: a person's whole history for years of normal use.</summary>
    public const int MaxItems = 5_000;
    public const int PageSize = 25;
    public const int Months = 12;
    // Requests looked up for time-to-answer (each is a read), newest first.
    private const int MaxRequests = 60;
    private static readonly TimeSpan NameBudget = TimeSpan.FromSeconds(1);

    public async Task<GrowthPageModel> BuildAsync(PersonRef me, GrowthFilter filter, IReadOnlyList<Option> dataActions, CancellationToken ct)
    {
        var receivedTask = feedback.ListReceivedAsync(me, MaxItems, ct);
        var sentTask = feedback.ListSentAsync(me, MaxItems, ct);
        var recordTask = growth.GetAsync(me, ct);
        var askedTask = requests.ListAskedByAsync(me, ct);
        await Task.WhenAll(receivedTask, sentTask, recordTask, askedTask);
        var received = receivedTask.Result.Where(i => i.Recipient == me).ToArray();
        var sent = sentTask.Result.Where(i => i.Giver == me).ToArray();
        var record = recordTask.Result;

        // Only named givers have names to look up; an anonymous item's giver is never read below.
        var named = received.Where(i => !i.Anonymous).Select(i => i.Giver).Distinct().ToArray();
        var names = await NamesAsync([me, .. named], ct);

        var themeOf = new Dictionary<string, List<GrowthTheme>>(StringComparer.Ordinal);
        foreach (var theme in record.Themes)
        {
            foreach (var id in theme.FeedbackIds)
            {
                (themeOf.TryGetValue(id, out var list) ? list : themeOf[id] = []).Add(theme);
            }
        }

        var now = time.GetUtcNow();
        var selectedTheme = record.Themes.FirstOrDefault(t => t.Id == filter.Theme);
        var giver = named.FirstOrDefault(p => p.UserId == filter.Giver);
        // An unknown id in the query string filters to nothing rather than being ignored: what you asked for is what you see.
        var matching = received.Where(i =>
                (filter.Theme is null || (selectedTheme is not null && selectedTheme.FeedbackIds.Contains(i.Id)))
                && (filter.Kind is null || i.Kind == filter.Kind)
                // Anonymous items never match a giver, or filtering by a person would tell which anonymous items are theirs.
                && (filter.Giver is null || (giver is not null && !i.Anonymous && i.Giver == giver))
                && (filter.PeriodDays is not { } days || i.CreatedAt >= now.AddDays(-days)))
            .OrderByDescending(i => i.CreatedAt)
            .ToArray();
        var page = Math.Min(filter.Page, Math.Max(1, (matching.Length + PageSize - 1) / PageSize));
        var timeline = matching.Skip((page - 1) * PageSize).Take(PageSize).Select(i => new TimelineEntry(
                i.CreatedAt,
                i.Kind == FeedbackKind.Praise ? "Praise" : "Constructive",
                i.Anonymous ? "Anonymous" : names.GetValueOrDefault(i.Giver, i.Giver.UserId),
                i.Content.FilledParts().Select(p => (i.Content.Template == FeedbackTemplate.Free ? "" : TemplateParts.Label(p.Part), p.Text)).ToArray(),
                themeOf.TryGetValue(i.Id, out var ts) ? ts.Select(t => t.Name).ToArray() : [],
                i.RequestId is null ? null : "Answer to your request"))
            .ToArray();

        var themeNames = record.Themes.ToDictionary(t => t.Id, t => t.Name, StringComparer.Ordinal);
        var receivedIds = received.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        var charts = new List<Chart>
        {
            PerMonth(received, sent, now),
            CoachShare(sent, now),
            await TimeToAnswerAsync(me, received, askedTask.Result, now, ct),
        };

        return new GrowthPageModel(
            names.GetValueOrDefault(me, me.UserId),
            filter with { Page = page },
            record.Themes.Select(t => new Option(t.Id, t.Name)).ToArray(),
            named.Select(p => new Option(p.UserId, names.GetValueOrDefault(p, p.UserId))).OrderBy(o => o.Label, StringComparer.CurrentCultureIgnoreCase).ToArray(),
            timeline,
            matching.Length,
            PageSize,
            record.Themes.Select(t => new ThemeSummary(t.Id, t.Name, t.FeedbackIds.Count(receivedIds.Contains), record.Commitments.Count(c => c.ThemeId == t.Id))).ToArray(),
            record.Commitments.OrderByDescending(c => c.CreatedAt)
                .Select(c => new CommitmentRow(c.Text, c.ThemeId is { } id ? themeNames.GetValueOrDefault(id) : null, c.CreatedAt, c.Outcome, c.OutcomeAt)).ToArray(),
            charts,
            dataActions);
    }

    /// <summary>The first of each of the last <see cref="Months"/> months (UTC), oldest first.</summary>
    public static DateTimeOffset[] MonthStarts(DateTimeOffset now)
    {
        var current = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        return Enumerable.Range(0, Months).Select(i => current.AddMonths(i - Months + 1)).ToArray();
    }

    private static string[] MonthLabels(DateTimeOffset[] months) =>
        months.Select(m => m.ToString("MMM yy", CultureInfo.InvariantCulture)).ToArray();

    private static int MonthIndex(DateTimeOffset[] months, DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return Array.FindLastIndex(months, m => m <= utc) is var i && i >= 0 && utc < months[^1].AddMonths(1) ? i : -1;
    }

    internal static Chart PerMonth(IReadOnlyList<FeedbackItem> received, IReadOnlyList<FeedbackItem> sent, DateTimeOffset now)
    {
        var months = MonthStarts(now);
        double?[] Count(IEnumerable<FeedbackItem> items)
        {
            var counts = new double?[months.Length];
            Array.Fill(counts, 0);
            foreach (var i in items)
            {
                if (MonthIndex(months, i.CreatedAt) is var m and >= 0) counts[m]++;
            }

            return counts;
        }

        var r = Count(received);
        var s = Count(sent);
        return new Chart("per-month", "Feedback received and given per month",
            $"Bar chart of the last {Months} months: {r.Sum()} items received and {s.Sum()} given.",
            "", ChartKind.Bars, MonthLabels(months), [new ChartSeries("Received", r), new ChartSeries("Given", s)]);
    }

    internal Chart CoachShare(IReadOnlyList<FeedbackItem> sent, DateTimeOffset now)
    {
        var months = MonthStarts(now);
        var met = new int[CoachVerdicts.Criteria.Length, months.Length];
        var judged = new int[CoachVerdicts.Criteria.Length, months.Length];
        foreach (var item in sent)
        {
            if (MonthIndex(months, item.CreatedAt) is not (var m and >= 0))
            {
                continue;
            }

            var verdicts = coach.For(item);
            for (var c = 0; c < verdicts.Length; c++)
            {
                // Not applicable (a next step for pure praise) counts neither way.
                if (verdicts[c] == Verdict.NotApplicable) continue;
                judged[c, m]++;
                if (verdicts[c] == Verdict.Met) met[c, m]++;
            }
        }

        var series = CoachVerdicts.Criteria.Select((name, c) => new ChartSeries(CoachVerdicts.Label(name),
            Enumerable.Range(0, months.Length).Select(m => judged[c, m] == 0 ? (double?)null : Math.Round(100.0 * met[c, m] / judged[c, m])).ToArray())).ToArray();
        return new Chart("coach", "How the feedback you gave met each coach criterion",
            "Line chart, one line per criterion (specific, why, actionable, kind, timely): the share of the feedback you gave each month that met it, where it applied. Months without feedback are gaps.",
            "%", ChartKind.Lines, MonthLabels(months), series, "no feedback given");
    }

    private async Task<Chart> TimeToAnswerAsync(PersonRef me, IReadOnlyList<FeedbackItem> received, IReadOnlyList<FeedbackRequest> open, DateTimeOffset now, CancellationToken ct)
    {
        var months = MonthStarts(now);
        var ids = received.Where(i => i.RequestId is not null).OrderByDescending(i => i.CreatedAt).Select(i => i.RequestId!)
            .Concat(open.Select(r => r.Id)).Distinct(StringComparer.Ordinal).Take(MaxRequests).ToArray();
        var openById = open.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var loaded = await Task.WhenAll(ids.Select(id => openById.TryGetValue(id, out var r) ? Task.FromResult<FeedbackRequest?>(r) : requests.GetAsync(id, ct)));
        var hours = months.Select(_ => new List<double>()).ToArray();
        foreach (var request in loaded)
        {
            if (request is null || request.Requester != me || MonthIndex(months, request.CreatedAt) is not (var m and >= 0))
            {
                continue;
            }

            hours[m].AddRange(request.Recipients.Select(x => request.TimeToFeedback(x.Person)).OfType<TimeSpan>().Select(t => t.TotalHours));
        }

        return new Chart("time-to-answer", "How fast your requests were answered",
            "Bar chart: the median hours from asking to each answer, by the month you asked. Months without answers are empty.",
            "h", ChartKind.Bars, MonthLabels(months),
            [new ChartSeries("Median hours to an answer", hours.Select(h => h.Count == 0 ? (double?)null : Math.Round(Median(h), 1)).ToArray())],
            "no answers");
    }

    internal static double Median(List<double> values)
    {
        values.Sort();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    private async Task<Dictionary<PersonRef, string>> NamesAsync(IReadOnlyList<PersonRef> persons, CancellationToken ct)
    {
        // Names are a nicety: the page does not wait long for the directory, and falls back on ids.
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(NameBudget);
        var names = new Dictionary<PersonRef, string>();
        var lookups = persons.Select(async p =>
        {
            try
            {
                return (p, (await people.GetProfileAsync(p, budget.Token))?.DisplayName);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                logger.LogDebug("No name for {Person}: {Error}", p.Key, ex.GetType().Name);
                return (p, (string?)null);
            }
        });
        foreach (var (p, name) in await Task.WhenAll(lookups))
        {
            if (name is { Length: > 0 }) names[p] = name;
        }

        return names;
    }
}
