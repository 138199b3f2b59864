using System.Diagnostics;
using System.Diagnostics.Metrics;
using Hangfire;
using Hangfire.Server;

namespace FeedbackBot.Host.Observability;

/// <summary>
/// A Hangfire server filter: one Activity per job run (so a job's Slack calls and Redis commands are its
/// children in a trace) and its duration by job and outcome (<c>feedbackbot.jobs.duration</c>). Tags name the
/// job's type and method only, never its arguments: a Slack event payload is an argument.
/// </summary>
internal sealed class JobTelemetryFilter : IServerFilter
{
    public const string SourceName = "FeedbackBot.Jobs";

    private const string StateKey = "feedbackbot.telemetry";

    private static readonly ActivitySource Source = new(SourceName);
    private static readonly Meter Meter = new(SourceName);

    private static readonly Histogram<double> Duration = Meter.CreateHistogram(
        "feedbackbot.jobs.duration", unit: "s", description: "Hangfire job runs, by job and outcome (succeeded, failed, canceled).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] });

    /// <summary>Adds the filter to Hangfire's global filters once, however many hosts a process builds.</summary>
    public static void Register()
    {
        lock (GlobalJobFilters.Filters)
        {
            if (!GlobalJobFilters.Filters.Any(f => f.Instance is JobTelemetryFilter))
            {
                GlobalJobFilters.Filters.Add(new JobTelemetryFilter());
            }
        }
    }

    public void OnPerforming(PerformingContext context)
    {
        var job = JobName(context);
        // Started on the worker's thread right before the job method runs, so it is Activity.Current inside it.
        var activity = Source.StartActivity($"job {job}");
        activity?.SetTag("hangfire.job.id", context.BackgroundJob.Id);
        context.Items[StateKey] = new RunState(activity, Stopwatch.GetTimestamp());
    }

    public void OnPerformed(PerformedContext context)
    {
        if (!context.Items.TryGetValue(StateKey, out var value) || value is not RunState state)
        {
            return;
        }

        var outcome = context.Canceled ? "canceled" : context.Exception is null || context.ExceptionHandled ? "succeeded" : "failed";
        Duration.Record(Stopwatch.GetElapsedTime(state.Started).TotalSeconds,
            new KeyValuePair<string, object?>("job", JobName(context)), new KeyValuePair<string, object?>("outcome", outcome));
        if (state.Activity is { } activity)
        {
            activity.SetTag("hangfire.job.outcome", outcome);
            if (outcome == "failed")
            {
                // The exception's type only: its message may quote what the job was working on.
                activity.SetStatus(ActivityStatusCode.Error, context.Exception?.GetType().Name);
            }

            activity.Dispose();
        }
    }

    private static string JobName(PerformContext context) =>
        context.BackgroundJob.Job is { } job ? $"{job.Type.Name}.{job.Method.Name}" : "unknown";

    private sealed record RunState(Activity? Activity, long Started);
}
