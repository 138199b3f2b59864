using Hangfire.Server;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Scheduling.Jobs;

/// <summary>Tells a job whether this run is its last chance, so it can give up gracefully (and tell someone) instead of failing silently.</summary>
public sealed class RetryPolicy(IOptions<SchedulingOptions> options)
{
    // Hangfire's AutomaticRetry filter keeps the count of retries done so far in this job parameter.
    private const string RetryCountParameter = "RetryCount";

    public bool IsLastAttempt(PerformContext? context) =>
        context is not null && context.GetJobParameter<int>(RetryCountParameter) >= options.Value.RetryAttempts;
}
