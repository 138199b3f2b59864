using System.ComponentModel.DataAnnotations;

namespace FeedbackBot.Scheduling;

/// <summary>Hangfire settings. Section <c>Hangfire</c>.</summary>
public sealed class SchedulingOptions
{
    public const string SectionName = "Hangfire";

    /// <summary>Prefix of Hangfire's keys. Braces make it a cluster hash tag: Hangfire's Lua scripts touch several keys at once.</summary>
    [Required]
    public string Prefix { get; set; } = "{fb-hangfire}:";

    /// <summary>Workers per host. Jobs are I/O-bound (chat API calls).</summary>
    [Range(1, 200)]
    public int WorkerCount { get; set; } = 10;

    /// <summary>How often delayed jobs are checked for being due. Nudges are planned to the minute; 15 s is plenty.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:10:00")]
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How many times a failing job is retried (with Hangfire's growing delays) before it is given up.</summary>
    [Range(0, 50)]
    public int RetryAttempts { get; set; } = 8;

    public DashboardOptions Dashboard { get; set; } = new();

    /// <summary>The dashboard at <c>/hangfire</c>: local requests only, unless both credentials are set (Basic auth).</summary>
    public sealed class DashboardOptions
    {
        public string? Username { get; set; }

        public string? Password { get; set; }

        public bool RequiresCredentials => !string.IsNullOrEmpty(Username) && !string.IsNullOrEmpty(Password);
    }
}

/// <summary>
/// How jobs are handed out. Section <c>Jobs</c>.
/// </summary>
public sealed class JobsOptions
{
    public const string SectionName = "Jobs";

    /// <summary>
    /// How long a job fetched by a host stays invisible to the others before it is handed out again: a host killed
    /// mid-job leaves its job to another host after this (plus up to a minute, Hangfire.Redis's watcher pass).
    /// Hangfire.Redis's own default is 30 minutes, which made a Slack event or a digest of a dead host wait that long.
    /// It must exceed every job's normal run, or a slow job is started a second time while it still runs: our jobs
    /// run for seconds (one digest, one Slack event, one planner batch of at most 20 × 500 schedule entries), and
    /// all of them are idempotent (once-claims per digest week, per event and per nudge check; schedule leases), so
    /// an early second run costs work, never a second message. Default 5 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);
}
