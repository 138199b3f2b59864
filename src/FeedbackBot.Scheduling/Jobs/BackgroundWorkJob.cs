using FeedbackBot.Core.Ports;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Scheduling.Jobs;

/// <summary>Runs one piece of an adapter's durable work (e.g. a Slack event) through the handler keyed by its kind.</summary>
public sealed class BackgroundWorkJob(IServiceProvider services)
{
    [JobDisplayName("{0}")]
    public Task RunAsync(string kind, string payload, CancellationToken ct) =>
        services.GetRequiredKeyedService<IBackgroundWorkHandler>(kind).RunAsync(payload, ct);
}

/// <summary>
/// <see cref="IBackgroundWork"/> on Hangfire: the job is in Redis when <see cref="EnqueueAsync"/> returns.
/// Hangfire's client is synchronous, so the enqueue runs off the caller's thread (a request thread must not block
/// on storage round trips; under a burst that starved the thread pool).
/// </summary>
public sealed class HangfireBackgroundWork(IBackgroundJobClient jobs) : IBackgroundWork
{
    public Task EnqueueAsync(string kind, string payload, CancellationToken ct) =>
        Task.Factory.StartNew(
            () => jobs.Enqueue<BackgroundWorkJob>(j => j.RunAsync(kind, payload, CancellationToken.None)),
            ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
