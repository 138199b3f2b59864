using FeedbackBot.Scheduling.Jobs;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Scheduling;

/// <summary>
/// Registers the recurring jobs after start (AddOrUpdate is idempotent, so every host may do it). In the
/// background and retried: AddOrUpdate takes Hangfire's distributed lock on the recurring job, and a host killed
/// while holding it leaves the lock until it expires — found by the kill -9 burst test, where the restarted host
/// failed to start at all (DistributedLockTimeoutException). Nothing else in the host waits for this.
/// </summary>
internal sealed class RecurringJobsRegistration(IRecurringJobManager recurring, TimeProvider time, ILogger<RecurringJobsRegistration> logger)
    : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Every minute: digests are planned to the minute of each person's local time. Hangfire's client is
                // synchronous, so it runs off the host's start-up thread.
                await Task.Run(() => recurring.AddOrUpdate<DueRemindersJob>(
                    DueRemindersJob.RecurringId, j => j.RunAsync(CancellationToken.None), Cron.Minutely()), stoppingToken);
                // Every minute too: check-ins are planned to the minute of each person's working-hours opening.
                await Task.Run(() => recurring.AddOrUpdate<CheckInsJob>(
                    CheckInsJob.RecurringId, j => j.RunAsync(CancellationToken.None), Cron.Minutely()), stoppingToken);
                // Every 15 minutes: once a year per opted-in person, a quarter of an hour late at worst.
                await Task.Run(() => recurring.AddOrUpdate<YearInFeedbackJob>(
                    YearInFeedbackJob.RecurringId, j => j.RunAsync(CancellationToken.None), "*/15 * * * *"), stoppingToken);
                return;
            }
            catch (Exception ex) when (ex is DistributedLockTimeoutException or StackExchange.Redis.RedisException or TimeoutException)
            {
                logger.LogWarning(ex, "Registering the recurring jobs failed; retrying in {Delay}", RetryDelay);
                await Task.Delay(RetryDelay, time, stoppingToken);
            }
        }
    }
}
