using System.Threading.Channels;
using FeedbackBot.Slack.Inbound;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Slack.Background;

/// <summary>
/// Work that must not hold up Slack's 3-second acknowledgement. <see cref="Enqueue"/> is a bounded FIFO for
/// best-effort UI work (the live coach's views.update) that may be lost on a crash; <see cref="Start"/> and
/// <see cref="RunWithinAsync{TService, T}"/> start at once for work a person is waiting on (a handler's RunAsync, a
/// give within the ack budget), so a views.open never queues behind refreshes while its trigger_id dies. Each runs in
/// its own DI scope. Durable work (delivery, events) goes through Core's job scheduler and IBackgroundWork instead.
/// </summary>
public sealed class SlackBackgroundQueue(IServiceScopeFactory scopes, ILogger<SlackBackgroundQueue> logger) : BackgroundService
{
    private const int Workers = 4;
    private readonly Channel<Func<IServiceProvider, CancellationToken, Task>> _queue =
        Channel.CreateBounded<Func<IServiceProvider, CancellationToken, Task>>(new BoundedChannelOptions(10_000)
        {
            FullMode = BoundedChannelFullMode.DropWrite,
        });

    private readonly CancellationTokenSource _stopping = new();
    private int _inFlight;

    /// <summary>Queues <paramref name="work"/>; false when the queue is full (the work is dropped, and the caller decides what that means).</summary>
    public bool Enqueue(Func<IServiceProvider, CancellationToken, Task> work)
    {
        Interlocked.Increment(ref _inFlight);
        if (_queue.Writer.TryWrite(work))
        {
            return true;
        }

        Interlocked.Decrement(ref _inFlight);
        logger.LogWarning("Slack background queue is full; dropping work");
        return false;
    }

    /// <summary>
    /// Starts <paramref name="work"/> in its own DI scope with <typeparamref name="TService"/> resolved there
    /// (constructor injection), and waits for it at most what is left of the request's
    /// <see cref="AckDeadline.HandlerBudget"/> (measured from the request's arrival). The result is
    /// <see cref="Budgeted{T}.InTime"/> when it came in time; otherwise the caller hands
    /// <see cref="Budgeted{T}.Running"/> to its RunAsync, which reports the outcome once it comes. Exactly one of
    /// the two tells the person.
    /// </summary>
    public async Task<Budgeted<T>> RunWithinAsync<TService, T>(Func<TService, CancellationToken, Task<T>> work, AckDeadline deadline)
        where TService : notnull where T : class
    {
        var running = RunNow<TService, T>(work);
        try
        {
            // WaitAsync drops its timer as soon as the work finishes, unlike a bare Task.Delay per request.
            return new Budgeted<T>(running, await running.WaitAsync(deadline.HandlerBudget, deadline.Clock));
        }
        catch (TimeoutException)
        {
            return new Budgeted<T>(running, null);
        }
    }

    // Starts work at once, bypassing the queue, in its own DI scope with TService resolved there; returns its task.
    private Task<T> RunNow<TService, T>(Func<TService, CancellationToken, Task<T>> work) where TService : notnull
    {
        Interlocked.Increment(ref _inFlight);
        return Task.Run(async () =>
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                return await work(scope.ServiceProvider.GetRequiredService<TService>(), _stopping.Token);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        });
    }

    /// <summary>
    /// Starts <paramref name="work"/> at once, bypassing the queue, counted as in flight from this call (so a test
    /// that got the HTTP answer and waits for idle also waits for it). <paramref name="work"/> handles its own
    /// failures; anything that still escapes is logged here, so nothing runs unobserved.
    /// </summary>
    public void Start(Func<CancellationToken, Task> work)
    {
        Interlocked.Increment(ref _inFlight);
        _ = Task.Run(async () =>
        {
            try
            {
                await work(_stopping.Token);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !_stopping.IsCancellationRequested)
            {
                logger.LogError(ex, "Slack work after the acknowledgement failed");
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        });
    }

    /// <summary>True once no queued or started work is left; tests wait on this instead of sleeping.</summary>
    internal async Task<bool> WaitForIdleAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Volatile.Read(ref _inFlight) > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(10);
        }

        return true;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        stoppingToken.Register(_stopping.Cancel);
        return Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(() => DrainAsync(stoppingToken), CancellationToken.None)));
    }

    private async Task DrainAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var work in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await work(scope.ServiceProvider, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(ex, "Slack background work failed");
                }
                finally
                {
                    Interlocked.Decrement(ref _inFlight);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: whatever is still queued was best effort.
        }
    }

    public override void Dispose()
    {
        _stopping.Dispose();
        base.Dispose();
    }
}

