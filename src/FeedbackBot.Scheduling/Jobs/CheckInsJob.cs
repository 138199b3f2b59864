using FeedbackBot.Core.Growth;
using Hangfire;

namespace FeedbackBot.Scheduling.Jobs;

/// <summary>The recurring check-in job: sends every commitment check-in whose time has come (see <see cref="RunCheckIns"/>).</summary>
public sealed class CheckInsJob(RunCheckIns checkIns)
{
    public const string RecurringId = "growth-check-ins";

    // Every host may fire it: the take leases each check-in to one run, and each is sent once per planned instant.
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [JobDisplayName("Send due commitment check-ins")]
    public Task RunAsync(CancellationToken ct) => checkIns.RunAsync(ct);
}
