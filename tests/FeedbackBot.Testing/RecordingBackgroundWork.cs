using System.Collections.Concurrent;
using FeedbackBot.Core.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Testing;

/// <summary>
/// <see cref="IBackgroundWork"/> that only stores the work, as Hangfire's does before the adapter answers: a test
/// sees what was accepted, then plays the job server (<see cref="RunPendingAsync"/>), and may run a piece again
/// (<see cref="RunAgainAsync"/>) as a retried job would.
/// </summary>
public sealed class RecordingBackgroundWork : IBackgroundWork
{
    private readonly ConcurrentQueue<(string Kind, string Payload)> _pending = new();
    private readonly ConcurrentQueue<(string Kind, string Payload)> _all = new();

    /// <summary>Everything ever enqueued, oldest first.</summary>
    public IReadOnlyList<(string Kind, string Payload)> All => _all.ToArray();

    /// <summary>Enqueued and not run yet.</summary>
    public int PendingCount => _pending.Count;

    public Task EnqueueAsync(string kind, string payload, CancellationToken ct)
    {
        _all.Enqueue((kind, payload));
        _pending.Enqueue((kind, payload));
        return Task.CompletedTask;
    }

    /// <summary>Runs every pending piece through the handler keyed by its kind, each in its own scope; returns how many ran.</summary>
    public async Task<int> RunPendingAsync(IServiceProvider services)
    {
        var count = 0;
        while (_pending.TryDequeue(out var work))
        {
            await RunAsync(services, work);
            count++;
        }

        return count;
    }

    /// <summary>Runs the <paramref name="index"/>th piece ever enqueued once more (a job retried).</summary>
    public Task RunAgainAsync(IServiceProvider services, int index) => RunAsync(services, All[index]);

    private static async Task RunAsync(IServiceProvider services, (string Kind, string Payload) work)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredKeyedService<IBackgroundWorkHandler>(work.Kind).RunAsync(work.Payload, CancellationToken.None);
    }
}
