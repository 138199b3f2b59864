using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Ports;
using Microsoft.AspNetCore.Http;

namespace FeedbackBot.Web.Growth;

/// <summary>
/// The timeline's filters and place, read from the query string: ids, fixed words and a cursor (a time and an
/// item id), never feedback text (URLs end up in proxy logs and browser history). Unknown values are ignored
/// rather than echoed back.
/// </summary>
public sealed record GrowthFilter(string? Theme, FeedbackKind? Kind, string? Giver, string Period, FeedbackCursor? Before = null)
{
    public static readonly IReadOnlyList<(string Value, string Label, int? Days)> Periods =
    [
        ("all", "All time", null),
        ("30d", "Last 30 days", 30),
        ("90d", "Last 90 days", 90),
        ("365d", "Last 12 months", 365),
    ];

    public static GrowthFilter None { get; } = new(null, null, null, "all");

    public static GrowthFilter From(IQueryCollection query)
    {
        static string? One(IQueryCollection q, string key) => q[key] is { Count: 1 } v && v[0] is { Length: > 0 and <= 200 } s ? s : null;
        var kind = One(query, "kind") switch
        {
            "praise" => FeedbackKind.Praise,
            "constructive" => FeedbackKind.Constructive,
            _ => (FeedbackKind?)null,
        };
        var period = One(query, "period") is { } p && Periods.Any(x => x.Value == p) ? p : "all";
        return new GrowthFilter(One(query, "theme"), kind, One(query, "giver"), period, FeedbackCursor.Parse(One(query, "before")));
    }

    public int? PeriodDays => Periods.First(p => p.Value == Period).Days;

    public bool IsFiltered => Theme is not null || Kind is not null || Giver is not null || Period != "all";

    /// <summary>The query string of these filters from <paramref name="before"/> on (null: the newest), for "older"/"newest" links.</summary>
    public string QueryFor(FeedbackCursor? before)
    {
        var parts = new List<string>();
        if (Theme is not null) parts.Add("theme=" + Uri.EscapeDataString(Theme));
        if (Kind is { } k) parts.Add("kind=" + (k == FeedbackKind.Praise ? "praise" : "constructive"));
        if (Giver is not null) parts.Add("giver=" + Uri.EscapeDataString(Giver));
        if (Period != "all") parts.Add("period=" + Period);
        if (before is not null) parts.Add("before=" + Uri.EscapeDataString(before.ToString()));
        return parts.Count == 0 ? "/app" : "/app?" + string.Join('&', parts);
    }
}
