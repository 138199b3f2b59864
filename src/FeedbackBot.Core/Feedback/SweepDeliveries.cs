using FeedbackBot.Core.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Core.Feedback;

/// <summary>
/// The safety net under the dispatcher: takes pending deliveries that are due (never dispatched because of a
/// crash or a full queue, a run that died, a retry whose time has come) and dispatches them. Idempotent and safe
/// on every host at once: taking an entry leases it, and delivery itself is exactly-once.
/// </summary>
public sealed class SweepDeliveries(
    IFeedbackStore feedback,
    IDeliveryDispatcher deliveries,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    ILogger<SweepDeliveries> logger)
{
    /// <summary>At most this many per pass; a larger backlog drains over the next passes.</summary>
    public const int BatchSize = 1000;

    /// <summary>One pass; returns how many deliveries were dispatched.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var due = await feedback.TakeDueDeliveriesAsync(time.GetUtcNow(), options.Value.Lease, BatchSize, ct);
        foreach (var id in due)
        {
            deliveries.Dispatch(id);
        }

        if (due.Count > 0)
        {
            logger.LogInformation("Delivery sweep: {Count} pending deliveries dispatched", due.Count);
        }

        return due.Count;
    }
}
