using FeedbackBot.Core.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Core.Feedback;

/// <summary>
/// The safety net under the dispatcher: takes every kind of stored work that is due — pending feedback
/// deliveries, request prompts and summaries, nudge checks — (never dispatched because of a crash or a full queue,
/// a run that died, a retry whose time has come) and dispatches it. Idempotent and safe on every host at once:
/// taking an entry leases it, and each kind of work is exactly-once on its own.
/// </summary>
public sealed class SweepDeliveries(
    IFeedbackStore feedback,
    IRequestStore requests,
    IDeliveryDispatcher deliveries,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    ILogger<SweepDeliveries> logger)
{
    /// <summary>At most this many per kind and pass; a larger backlog drains over the next passes.</summary>
    public const int BatchSize = 1000;

    /// <summary>One pass; returns how many entries were dispatched.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var lease = options.Value.Lease;
        var due = new List<string>(await feedback.TakeDueDeliveriesAsync(now, lease, BatchSize, ct));
        due.AddRange((await requests.TakeDueWorkAsync(now, lease, BatchSize, ct)).Select(e => e.ToString()));
        due.AddRange((await requests.TakeDueNudgeChecksAsync(now, lease, BatchSize, ct)).Select(c => OutboxEntry.ForNudgeCheck(c).ToString()));
        foreach (var entry in due)
        {
            deliveries.Dispatch(entry);
        }

        if (due.Count > 0)
        {
            logger.LogInformation("Delivery sweep: {Count} due entries dispatched", due.Count);
        }

        return due.Count;
    }
}
