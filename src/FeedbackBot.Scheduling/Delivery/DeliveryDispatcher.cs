using System.Threading.Channels;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Scheduling.Delivery;

/// <summary>
/// Runs stored work in this host — feedback deliveries, request prompts and summaries, nudge checks (each an
/// <see cref="OutboxEntry"/>, run by Core's <see cref="RunOutboxEntry"/>): a bounded in-memory queue drained by
/// <see cref="DeliveryOptions.Concurrency"/> async workers (no thread is blocked while Slack answers), plus a sweep
/// every <see cref="DeliveryOptions.SweepInterval"/> that dispatches whatever the store says is pending and due.
/// <para>
/// Why not a Hangfire job per give: Hangfire's enqueue is synchronous and costs a dozen storage round trips, which
/// on a 2-core host under a burst starved the thread pool (acks took 8.6 s). The durable record is the store's
/// outbox entry, written with the item; this queue is only the fast path, so losing it (crash, full queue) only
/// delays a delivery until the next sweep. The sweep runs in every host: it is idempotent and takes entries with
/// a lease, and it keeps deliveries going even when Hangfire's workers are busy.
/// </para>
/// </summary>
public sealed class DeliveryDispatcher : BackgroundService, IDeliveryDispatcher
{
    private readonly IServiceScopeFactory _scopes;
    private readonly DeliveryOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<DeliveryDispatcher> _logger;
    private readonly Channel<string> _queue;
    private long _dropped;

    public DeliveryDispatcher(IServiceScopeFactory scopes, IOptions<DeliveryOptions> options, TimeProvider time, ILogger<DeliveryDispatcher> logger)
    {
        _scopes = scopes;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _queue = Channel.CreateBounded<string>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.DropWrite,
        });
    }

    public void Dispatch(string entry)
    {
        if (!_queue.Writer.TryWrite(entry) && Interlocked.Increment(ref _dropped) % 1000 == 1)
        {
            // Nothing is lost: the item is pending in storage and the next sweep dispatches it again.
            _logger.LogWarning("Delivery queue full ({Capacity}); {Dropped} dispatches left to the sweeper so far", _options.QueueCapacity, _dropped);
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workers = Enumerable.Range(0, _options.Concurrency).Select(_ => Task.Run(() => DrainAsync(stoppingToken), CancellationToken.None));
        return Task.WhenAll([.. workers, Task.Run(() => SweepLoopAsync(stoppingToken), CancellationToken.None)]);
    }

    private async Task DrainAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var id in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    // One entry's reads and writes in order on one storage connection; entries spread over the pool.
                    StorageLane.Enter();
                    await using var scope = _scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<RunOutboxEntry>().RunAsync(id, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    // Storage trouble: the entry stays in storage, and the sweep retries it after its lease.
                    _logger.LogError(RepeatedFailure.Of(ex), "Running {OutboxEntry} failed; the sweep will retry it", id);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SweepLoopAsync(CancellationToken stoppingToken)
    {
        // The first pass right away: after a crash, what the last process left pending starts moving at once.
        using var timer = new PeriodicTimer(_options.SweepInterval, _time);
        do
        {
            try
            {
                await using var scope = _scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<SweepDeliveries>().RunAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "Delivery sweep failed; trying again in {Interval}", _options.SweepInterval);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
