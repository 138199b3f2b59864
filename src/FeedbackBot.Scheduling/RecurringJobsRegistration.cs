using FeedbackBot.Scheduling.Jobs;
using Hangfire;
using Microsoft.Extensions.Hosting;

namespace FeedbackBot.Scheduling;

/// <summary>Registers the recurring jobs at start (AddOrUpdate is idempotent, so every host may do it).</summary>
internal sealed class RecurringJobsRegistration(IRecurringJobManager recurring) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Every minute: digests are planned to the minute of each person's local time.
        recurring.AddOrUpdate<DueRemindersJob>(DueRemindersJob.RecurringId, j => j.RunAsync(CancellationToken.None), Cron.Minutely());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
