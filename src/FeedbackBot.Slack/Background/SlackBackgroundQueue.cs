using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Slack.Background;

/// <summary>
/// Work that must not hold up Slack's 3-second acknowledgement: Web API calls after the ack (views.update,
/// views.publish, response_url follow-ups). Each item runs in its own DI scope. Durable work (delivery) goes
/// through Core's job scheduler instead; this queue is for best-effort UI work that may be lost on a crash.
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

    /// <summary>Queues <paramref name="work"/>; false when the queue is full (the caller tells the person to retry).</summary>
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
    /// Runs <paramref name="work"/> now and waits for it at most <paramref name="budget"/> (Slack's ack allows
    /// 3 s). The result when it came in time; otherwise null, and <paramref name="later"/> gets the result when
    /// it comes, so the person is still told (by response_url or DM). Exactly one of the two sees it.
    /// </summary>
    public async Task<T?> RunWithinAsync<T>(
        Func<IServiceProvider, CancellationToken, Task<T>> work,
        Func<IServiceProvider, T, CancellationToken, Task> later,
        TimeSpan budget) where T : class
    {
        // 0 = running, 1 = the request took the result, 2 = the request already answered without it.
        var state = new StrongBox<int>(0);
        var inTime = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = RunNow(async (sp, ct) =>
        {
            T result;
            try
            {
                result = await work(sp, ct);
            }
            catch (Exception ex) when (Interlocked.CompareExchange(ref state.Value, 1, 0) == 0)
            {
                // Still within the budget: the request itself reports the failure.
                inTime.SetException(ex);
                return true;
            }

            if (Interlocked.CompareExchange(ref state.Value, 1, 0) == 0)
            {
                inTime.SetResult(result);
            }
            else
            {
                await later(sp, result, ct);
            }

            return true;
        });
        // Nothing runs unobserved: a failure after the ack (in `work` or in `later`) is logged here.
        _ = running.ContinueWith(
            t => logger.LogError(t.Exception, "Slack work after the acknowledgement failed"),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

        try
        {
            // WaitAsync drops its timer as soon as the work finishes, unlike a bare Task.Delay per request.
            return await inTime.Task.WaitAsync(budget);
        }
        catch (TimeoutException) when (Interlocked.CompareExchange(ref state.Value, 2, 0) == 0)
        {
            return null;
        }
        catch (TimeoutException)
        {
            // The work finished in the instant between the timeout and the hand-over: use its result.
            return await inTime.Task;
        }
    }

    /// <summary>
    /// Starts <paramref name="work"/> at once, bypassing the queue, and returns its task so a handler can wait a
    /// little for it (views.open before the trigger_id dies; a give that may finish within the ack budget).
    /// </summary>
    public Task<T> RunNow<T>(Func<IServiceProvider, CancellationToken, Task<T>> work)
    {
        Interlocked.Increment(ref _inFlight);
        return Task.Run(async () =>
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                return await work(scope.ServiceProvider, _stopping.Token);
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
