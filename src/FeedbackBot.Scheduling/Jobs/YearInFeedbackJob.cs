using FeedbackBot.Core.YearInFeedback;
using Hangfire;

namespace FeedbackBot.Scheduling.Jobs;

/// <summary>The recurring year-in-feedback run: sends the opted-in people's summaries whose local date and time came.</summary>
public sealed class YearInFeedbackJob(YearInFeedbackRun run)
{
    public const string RecurringId = "year-in-feedback";

    // Two hosts may both fire it; TakeDue is atomic and each person's year is claimed once.
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [JobDisplayName("Send due year-in-feedback summaries")]
    public Task RunAsync(CancellationToken ct) => run.RunDueAsync(ct);
}
