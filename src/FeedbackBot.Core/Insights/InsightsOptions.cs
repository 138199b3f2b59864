using System.ComponentModel.DataAnnotations;

namespace FeedbackBot.Core.Insights;

/// <summary>Team insights (issue 14). Defaults live here; the host binds overrides from the <c>Insights</c> section.</summary>
public sealed class InsightsOptions
{
    public const string SectionName = "Insights";

    /// <summary>
    /// The fewest distinct people a shown figure may be computed over; smaller cells are suppressed (k-anonymity).
    /// Default 5; at least 2, since a figure over one person is that person's.
    /// </summary>
    [Range(2, 10_000)]
    public int MinGroupSize { get; set; } = 5;

    /// <summary>
    /// People who may see insights besides the platform's own admins and owners: person keys
    /// (<c>slack:T123:U456</c>) or bare user ids (<c>U456</c>, any workspace). Default none.
    /// </summary>
    public List<string> Admins { get; set; } = [];

    /// <summary>Weeks a report covers, up to and including the current one. Default 8.</summary>
    [Range(1, 52)]
    public int Weeks { get; set; } = 8;

    /// <summary>How long a week's counts are kept after its last change. Default 400 days (a year and a bit, for year-on-year).</summary>
    [Range(typeof(TimeSpan), "7.00:00:00", "3650.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(400);

    /// <summary>How long a team's member list (and the workspace's) is reused before asking the platform again. Default 10 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan MembersCacheTime { get; set; } = TimeSpan.FromMinutes(10);
}
