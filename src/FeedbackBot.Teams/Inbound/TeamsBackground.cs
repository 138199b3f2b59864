using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Teams.Inbound;

/// <summary>
/// Work a handler starts after it answered Teams, so the answer never waits on it: a request's prompts (one
/// connector call per person), a decline's notice to the requester. Each piece runs in its own DI scope; a failure
/// is logged with what it concerned (and the piece itself tells the person, see its callers), nothing runs
/// unobserved. Not durable: what must survive a crash is stored by Core before anyone is told it was saved (a
/// request and its prompts' outbox entries are written in one step; the sweeper sends what a crash left), as in
/// the Slack adapter's work after its ack. On shutdown the host waits for what is running (up to its shutdown
/// timeout), then cancels it.
/// </summary>
public sealed class TeamsBackground(IServiceScopeFactory scopes, ILogger<TeamsBackground> logger) : IHostedService, IDisposable
{
    private readonly ConcurrentDictionary<Task, byte> _running = new();
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Starts <paramref name="work"/> now; <paramref name="what"/> names it in the log if it fails.</summary>
    public void Start(string what, Func<IServiceProvider, CancellationToken, Task> work)
    {
        var stopping = _stopping.Token;
        var task = Task.Run(async () =>
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await work(scope.ServiceProvider, stopping);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
            {
                logger.LogError(ex, "Teams work after the answer failed: {What}", what);
            }
        }, CancellationToken.None);
        _running[task] = 0;
        _ = task.ContinueWith(t => _running.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>True once nothing started here is still running (including work started by that work); tests wait on it.</summary>
    public async Task<bool> WaitForIdleAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!_running.IsEmpty)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                return false;
            }

            try
            {
                await Task.WhenAll(_running.Keys).WaitAsync(left);
            }
            catch (TimeoutException)
            {
                return false;
            }
        }

        return true;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(_running.Keys).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout is up: what still runs is cancelled below.
        }
        finally
        {
            await _stopping.CancelAsync();
        }
    }

    public void Dispose() => _stopping.Dispose();
}
