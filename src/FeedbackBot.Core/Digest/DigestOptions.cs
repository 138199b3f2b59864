using System.ComponentModel.DataAnnotations;

namespace FeedbackBot.Core.Digest;

/// <summary>
/// The weekly digest. Defaults live here; the host binds overrides from the <c>Digest</c> configuration section.
/// </summary>
public sealed class DigestOptions
{
    public const string SectionName = "Digest";

    /// <summary>Local day of the digest for people who did not choose one. Default Friday.</summary>
    [EnumDataType(typeof(DayOfWeek))]
    public DayOfWeek DefaultDay { get; set; } = DayOfWeek.Friday;

    /// <summary>Local time of the digest for people who did not choose one. Default 15:00.</summary>
    public TimeOnly DefaultTime { get; set; } = new(15, 0);

    /// <summary>Send a short "nothing new this week" digest instead of none. Default false.</summary>
    public bool SendWhenEmpty { get; set; }

    /// <summary>
    /// Digests started per workspace per minute; one run spreads a workspace's due digests this far apart. The
    /// messenger's own rate-limit handling (Retry-After) stays the last guard. Default 60.
    /// </summary>
    [Range(1, 10_000)]
    public int WorkspaceSendRatePerMinute { get; set; } = 60;

    /// <summary>Entries taken from the schedule per round trip. Default 500.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>
    /// How far a taken schedule entry is pushed ahead while its digest is queued: the entry moves to next week
    /// only once the digest job is durably queued, so a host that dies in between leaves the entry to come back
    /// after this lease (and another host queues it; the week's once-claim keeps it to one digest). Longer than a
    /// planner run; shorter means a faster recovery. Default 10 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ScheduleLease { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long one run holds a person's week while it builds and sends their digest. Longer than a normal send
    /// (seconds; a minute with Slack's Retry-After), and shorter than <c>Jobs:InvisibilityTimeout</c> (checked at
    /// start), so the job of a host that died mid-send finds the week free when another host runs it. Default 2 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan SendClaim { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Latest received feedback excerpts shown. Default 3.</summary>
    [Range(0, 20)]
    public int ExcerptCount { get; set; } = 3;

    /// <summary>Characters per excerpt before it is cut with an ellipsis. Default 140.</summary>
    [Range(20, 3000)]
    public int ExcerptLength { get; set; } = 140;

    /// <summary>How far back interactions count for the "thank or help" suggestion. Default 30 days.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "366.00:00:00")]
    public TimeSpan SuggestionLookback { get; set; } = TimeSpan.FromDays(30);
}
