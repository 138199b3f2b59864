using System.Globalization;
using FeedbackBot.Core.Coaching;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Insights;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Web.Charts;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Web.Growth;

/// <summary>
/// Builds the growth page of one signed-in person from their own data only, reading only what the page shows: one
/// page of the feedback they received (newest first, filtered, continued by a cursor), their monthly figures (kept
/// up to date when feedback is saved, <see cref="IGrowthFigures"/>) for the charts and the giver filter, and their
/// growth record. The person comes from the session, never from the URL, so editing the URL cannot show anyone
/// else's data.
/// </summary>
internal sealed class GrowthPageBuilder(
    IFeedbackStore feedback,
    IGrowthFigures figures,
    IGrowthReader growth,
    IPeopleDirectory people,
    TimeProvider time,
    ILogger<GrowthPageBuilder> logger)
{
    public const int PageSize = 25;
    public const int Months = 12;
    /// <summary>Items read per chunk while looking for a filtered page's matches.</summary>
    private const int FilteredChunk = 100;
    /// <summary>
    /// Items one view reads at most while looking for matches of a kind or giver filter: a rare match deep in a
    /// long history takes another click on "older" (which continues the search), never an unbounded read.
    /// </summary>
    public const int ScanBudget = 1_000;
    private static readonly TimeSpan NameBudget = TimeSpan.FromSeconds(1);

    public async Task<GrowthPageModel> BuildAsync(PersonRef me, GrowthFilter filter, IReadOnlyList<Option> dataActions, CancellationToken ct)
    {
        var figuresTask = figures.GetAsync(me, ct);
        var recordTask = growth.GetAsync(me, ct);
        await Task.WhenAll(figuresTask, recordTask);
        var mine = figuresTask.Result;
        var record = recordTask.Result;
        var now = time.GetUtcNow();

        // Only named givers are in the figures: an anonymous item's giver is never counted, offered or looked up.
        var named = mine.NamedGivers.Keys.ToArray();
        var giver = filter.Giver is null ? null : named.FirstOrDefault(p => p.UserId == filter.Giver);
        var theme = filter.Theme is null ? null : record.Themes.FirstOrDefault(t => t.Id == filter.Theme);
        var (page, older) = await TimelineAsync(me, filter, theme, giver, now, ct);
        var names = await NamesAsync([me, .. named.Union(page.Where(i => !i.Anonymous).Select(i => i.Giver))], ct);

        var themeOf = new Dictionary<string, List<GrowthTheme>>(StringComparer.Ordinal);
        foreach (var t in record.Themes)
        {
            foreach (var id in t.FeedbackIds)
            {
                (themeOf.TryGetValue(id, out var list) ? list : themeOf[id] = []).Add(t);
            }
        }

        var timeline = page.Select(i => new TimelineEntry(
                i.CreatedAt,
                i.Kind == FeedbackKind.Praise ? "Praise" : "Constructive",
                i.Anonymous ? "Anonymous" : names.GetValueOrDefault(i.Giver, i.Giver.UserId),
                i.Content.FilledParts().Select(p => (i.Content.Template == FeedbackTemplate.Free ? "" : TemplateParts.Label(p.Part), p.Text)).ToArray(),
                themeOf.TryGetValue(i.Id, out var ts) ? ts.Select(t => t.Name).ToArray() : [],
                i.RequestId is null ? null : "Answer to your request"))
            .ToArray();

        var themeNames = record.Themes.ToDictionary(t => t.Id, t => t.Name, StringComparer.Ordinal);
        return new GrowthPageModel(
            names.GetValueOrDefault(me, me.UserId),
            filter,
            record.Themes.Select(t => new Option(t.Id, t.Name)).ToArray(),
            named.Select(p => new Option(p.UserId, names.GetValueOrDefault(p, p.UserId))).OrderBy(o => o.Label, StringComparer.CurrentCultureIgnoreCase).ToArray(),
            timeline,
            filter.IsFiltered ? null : mine.TotalReceived,
            older,
            record.Themes.Select(t => new ThemeSummary(t.Id, t.Name, t.FeedbackIds.Count, record.Commitments.Count(c => c.ThemeId == t.Id))).ToArray(),
            record.Commitments.OrderByDescending(c => c.CreatedAt)
                .Select(c => new CommitmentRow(c.Text, c.ThemeId is { } id ? themeNames.GetValueOrDefault(id) : null, c.CreatedAt, c.Outcome, c.OutcomeAt)).ToArray(),
            [PerMonth(mine, now), CoachShare(mine, now), TimeToAnswer(mine, now)],
            dataActions);
    }

    /// <summary>
    /// One page of matching received items, newest first, and the cursor of the next (null: nothing older). An
    /// unknown theme or giver id filters to nothing rather than being ignored: what you asked for is what you see.
    /// </summary>
    private async Task<(IReadOnlyList<FeedbackItem> Page, FeedbackCursor? Older)> TimelineAsync(
        PersonRef me, GrowthFilter filter, GrowthTheme? theme, PersonRef? giver, DateTimeOffset now, CancellationToken ct)
    {
        DateTimeOffset? since = filter.PeriodDays is { } days ? now.AddDays(-days) : null;
        if ((filter.Theme is not null && theme is null) || (filter.Giver is not null && giver is null))
        {
            return ([], null);
        }

        bool Matches(FeedbackItem i) =>
            i.Recipient == me
            && (filter.Kind is null || i.Kind == filter.Kind)
            // Anonymous items never match a giver, or filtering by a person would tell which anonymous items are theirs.
            && (giver is null || (!i.Anonymous && i.Giver == giver))
            && (since is null || i.CreatedAt >= since);

        if (theme is not null)
        {
            // A theme names its items: read those, not the history.
            var items = await Task.WhenAll(theme.FeedbackIds.Distinct(StringComparer.Ordinal).Select(id => feedback.GetAsync(id, ct)));
            return Cut(items.OfType<FeedbackItem>()
                .Where(i => Matches(i) && (filter.Before is null || filter.Before.IsBefore(i.CreatedAt.ToUnixTimeMilliseconds(), i.Id)))
                .OrderByDescending(i => i.CreatedAt.ToUnixTimeMilliseconds()).ThenByDescending(i => i.Id, StringComparer.Ordinal)
                .ToList());
        }

        var found = new List<FeedbackItem>();
        var cursor = filter.Before;
        var chunk = filter.Kind is null && giver is null ? PageSize + 1 : FilteredChunk;
        for (var scanned = 0; found.Count <= PageSize; scanned += chunk)
        {
            if (scanned >= ScanBudget)
            {
                // Searched enough for one view: "older" continues from here.
                return (found, cursor);
            }

            var slice = await figures.ListReceivedAsync(me, cursor, since, chunk, ct);
            foreach (var item in slice)
            {
                cursor = FeedbackCursor.Of(item);
                if (Matches(item)) found.Add(item);
            }

            if (slice.Count < chunk)
            {
                break;
            }
        }

        return Cut(found);

        static (IReadOnlyList<FeedbackItem>, FeedbackCursor?) Cut(List<FeedbackItem> matching) =>
            matching.Count > PageSize ? (matching[..PageSize], FeedbackCursor.Of(matching[PageSize - 1])) : (matching, null);
    }

    /// <summary>The first of each of the last <see cref="Months"/> months (UTC), oldest first.</summary>
    public static DateTimeOffset[] MonthStarts(DateTimeOffset now)
    {
        var current = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        return Enumerable.Range(0, Months).Select(i => current.AddMonths(i - Months + 1)).ToArray();
    }

    private static string[] MonthLabels(DateTimeOffset[] months) =>
        months.Select(m => m.ToString("MMM yy", CultureInfo.InvariantCulture)).ToArray();

    /// <summary>Each of the last <see cref="Months"/> months' figures (empty where there are none), oldest first.</summary>
    private static MonthFigures[] Last(PersonFigures figures, DateTimeOffset[] months) =>
        months.Select(m => figures.Months.GetValueOrDefault(PersonFigures.MonthOf(m)) ?? new MonthFigures()).ToArray();

    internal static Chart PerMonth(PersonFigures figures, DateTimeOffset now)
    {
        var months = MonthStarts(now);
        var data = Last(figures, months);
        var r = data.Select(m => (double?)m.Received).ToArray();
        var s = data.Select(m => (double?)m.Given).ToArray();
        return new Chart("per-month", "Feedback received and given per month",
            $"Bar chart of the last {Months} months: {r.Sum()} items received and {s.Sum()} given.",
            "", ChartKind.Bars, MonthLabels(months), [new ChartSeries("Received", r), new ChartSeries("Given", s)]);
    }

    internal static Chart CoachShare(PersonFigures figures, DateTimeOffset now)
    {
        var months = MonthStarts(now);
        var data = Last(figures, months);
        // Not applicable (a next step for pure praise) counts neither way: the share is of the items it applied to.
        var series = CoachVerdicts.Names.Select(name => new ChartSeries(Label(name),
            data.Select(m => m.Judged.GetValueOrDefault(name) is var judged and > 0 ? Math.Round(100.0 * m.Met.GetValueOrDefault(name) / judged) : (double?)null).ToArray())).ToArray();
        return new Chart("coach", "How the feedback you gave met each coach criterion",
            "Line chart, one line per criterion (specific, why, actionable, kind, timely): the share of the feedback you gave each month that met it, where it applied. Months without feedback are gaps.",
            "%", ChartKind.Lines, MonthLabels(months), series, "no feedback given");
    }

    internal static Chart TimeToAnswer(PersonFigures figures, DateTimeOffset now)
    {
        var months = MonthStarts(now);
        var hours = Last(figures, months).Select(m => m.AnswerSeconds.Values.Select(s => s / 3600.0).ToList()).ToArray();
        return new Chart("time-to-answer", "How fast your requests were answered",
            "Bar chart: the median hours from asking to each answer, by the month you asked. Months without answers are empty.",
            "h", ChartKind.Bars, MonthLabels(months),
            [new ChartSeries("Median hours to an answer", hours.Select(h => h.Count == 0 ? (double?)null : Math.Round(Median(h), 1)).ToArray())],
            "no answers");
    }

    /// <summary>A criterion's name on the chart.</summary>
    public static string Label(string criterion) => criterion switch
    {
        CoachCriteria.Specific => "Specific",
        CoachCriteria.Why => "Says why",
        CoachCriteria.Actionable => "Actionable",
        CoachCriteria.Kind => "Kind",
        _ => "Timely",
    };

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
