using System.ComponentModel.DataAnnotations;

namespace FeedbackBot.Core.Feedback;

/// <summary>
/// How stored feedback reaches its recipient. Defaults live here; the host binds overrides from the
/// <c>Delivery</c> configuration section.
/// </summary>
public sealed class DeliveryOptions
{
    public const string SectionName = "Delivery";

    /// <summary>
    /// Deliveries running at once in one host (the in-process fast path). Default 64: at 200 gives/s on 2 cores, 16
    /// left give→DM p99 at 31 s and 64 brought it to 6.4 s (each delivery mostly waits on storage and Slack).
    /// </summary>
    [Range(1, 256)]
    public int Concurrency { get; set; } = 64;

    /// <summary>Deliveries waiting in one host's in-memory queue before new ones are left to the sweeper. Default 10,000.</summary>
    [Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>How often each host looks for pending deliveries that nobody is working on. Default 15 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long after it was saved a delivery is left to the fast path before the sweeper takes it (the fast path
    /// usually finishes in well under a second). Default 30 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan SweepGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long one run owns a delivery (longer than the slowest send with its HTTP timeouts). A run that dies
    /// frees it after this. Default 2 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Send attempts before the giver is told it could not be delivered. Default 8.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Wait before the first retry; doubles each time, capped at one hour. Default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The wait before retry number <paramref name="attempt"/> (1 = after the first failure).</summary>
    public TimeSpan RetryDelay(int attempt) =>
        TimeSpan.FromTicks(Math.Min(TimeSpan.FromHours(1).Ticks, RetryBaseDelay.Ticks * (1L << Math.Clamp(attempt - 1, 0, 20))));
}
