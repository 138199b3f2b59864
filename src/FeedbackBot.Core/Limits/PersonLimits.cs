using System.ComponentModel.DataAnnotations;
using System.Globalization;
using FeedbackBot.Core.Nudges;
using FeedbackBot.Core.People;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Core.Limits;

/// <summary>
/// Per-person abuse limits, bound from the <c>Limits</c> section. Defaults a workplace would not notice in normal
/// use (feedback is a handful a week for most people) but that stop a script or a grudge flooding colleagues.
/// 0 turns a limit off.
/// </summary>
public sealed class LimitsOptions
{
    public const string SectionName = "Limits";

    /// <summary>Feedback items (one per recipient) a person may give in any 60 minutes. Default 30.</summary>
    [Range(0, 100_000)]
    public int FeedbackPerHour { get; set; } = 30;

    /// <summary>Feedback items a person may give in any 24 hours. Default 100.</summary>
    [Range(0, 100_000)]
    public int FeedbackPerDay { get; set; } = 100;

    /// <summary>Feedback requests a person may open in any 24 hours. Default 20.</summary>
    [Range(0, 100_000)]
    public int RequestsPerDay { get; set; } = 20;

    /// <summary>The windows that apply to <paramref name="action"/>, leaving out those turned off.</summary>
    public IReadOnlyList<UsageWindow> Windows(LimitedAction action)
    {
        UsageWindow[] all = action == LimitedAction.Feedback
            ? [new(TimeSpan.FromHours(1), FeedbackPerHour), new(TimeSpan.FromDays(1), FeedbackPerDay)]
            : [new(TimeSpan.FromDays(1), RequestsPerDay)];
        return all.Where(w => w.Limit > 0).ToArray();
    }
}

/// <summary>What a limit counts.</summary>
public enum LimitedAction
{
    /// <summary>Feedback given: one per recipient.</summary>
    Feedback,

    /// <summary>Feedback requests opened: one per request.</summary>
    Request,
}

/// <summary>At most <see cref="Limit"/> uses within any span of <see cref="Length"/> (a sliding window).</summary>
public sealed record UsageWindow(TimeSpan Length, int Limit);

/// <summary>
/// The limiter's answer: allowed (the uses are recorded), or refused (nothing recorded) with the window that is full
/// and the earliest instant at which the same request would fit; null when it never can (more than the limit at once).
/// </summary>
public sealed record UsageDecision(bool Allowed, UsageWindow? Window = null, DateTimeOffset? RetryAt = null)
{
    public static UsageDecision Allow { get; } = new(true);
}

/// <summary>
/// Counts what each person does against sliding windows, shared by every host (so the limit holds however requests
/// are spread). Checking and recording are one atomic step: two hosts racing for the last slot cannot both get it.
/// </summary>
public interface IUsageLimiter
{
    /// <summary>
    /// Records <paramref name="amount"/> uses of <paramref name="action"/> by <paramref name="person"/> at
    /// <paramref name="now"/> if every window still has room for all of them; otherwise records nothing.
    /// </summary>
    Task<UsageDecision> TryTakeAsync(PersonRef person, LimitedAction action, int amount, IReadOnlyList<UsageWindow> windows,
        DateTimeOffset now, CancellationToken ct);
}

/// <summary>A limit a person reached: a friendly sentence saying when they can go on, in their own time zone.</summary>
public sealed record LimitReached(LimitedAction Action, UsageWindow Window, DateTimeOffset? RetryAt, TimeZoneInfo TimeZone, DateTimeOffset Now)
{
    /// <summary>Plain text (adapters escape it).</summary>
    public string Message
    {
        get
        {
            var what = Action == LimitedAction.Feedback ? "feedback" : "feedback requests";
            var span = Window.Length == TimeSpan.FromHours(1) ? "an hour" : "a day";
            var limit = Action == LimitedAction.Feedback ? $"{Window.Limit} pieces of feedback" : $"{Window.Limit} requests";
            if (RetryAt is not { } at)
            {
                return $"That's more than the {limit} anyone can send in {span}, so nothing was sent. Try fewer people at once.";
            }

            return $"You've sent a lot of {what} recently: the limit is {limit} in {span}, so nothing was sent this time. " +
                   $"You can send again {When(at)}.";
        }
    }

    // "today at 14:05 (Europe/Berlin)", "tomorrow at 09:12 (UTC)", or "on Tue 1 Dec at 09:12 (…)".
    private string When(DateTimeOffset at)
    {
        // Whole minutes, rounded up: "from 14:05" must not name a moment that is still too early.
        var rounded = new DateTimeOffset(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
        if (rounded < at)
        {
            rounded = rounded.AddMinutes(1);
        }

        var local = TimeZoneInfo.ConvertTime(rounded, TimeZone);
        var today = TimeZoneInfo.ConvertTime(Now, TimeZone).Date;
        var day = (local.Date - today).Days switch
        {
            0 => "today",
            1 => "tomorrow",
            _ => "on " + local.ToString("ddd d MMM", CultureInfo.InvariantCulture),
        };
        return $"{day} at {local.ToString("HH:mm", CultureInfo.InvariantCulture)} ({TimeZone.Id})";
    }
}

/// <summary>
/// The use cases' gate: takes a person's uses from <see cref="IUsageLimiter"/> against the configured windows and,
/// when a window is full, says when they can go on, in their own time zone (preference, then profile, then UTC).
/// </summary>
public sealed class PersonLimits(IUsageLimiter limiter, IOptions<LimitsOptions> options, PersonClock clock, TimeProvider time, ILogger<PersonLimits> logger)
{
    /// <summary>Null when allowed (the uses are recorded); otherwise the limit reached, with nothing recorded.</summary>
    public async Task<LimitReached?> TryTakeAsync(PersonRef person, LimitedAction action, int amount, CancellationToken ct)
    {
        var windows = options.Value.Windows(action);
        if (windows.Count == 0 || amount <= 0)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var decision = await limiter.TryTakeAsync(person, action, amount, windows, now, ct);
        if (decision.Allowed)
        {
            return null;
        }

        var window = decision.Window ?? windows[0];
        logger.LogInformation("{Person} reached the {Action} limit ({Limit} per {Window})", person, action, window.Limit, window.Length);
        return new LimitReached(action, window, decision.RetryAt, await TimeZoneAsync(person, ct), now);
    }

    // Only for the wording: a directory that cannot answer just now means UTC, not a failed give.
    private async Task<TimeZoneInfo> TimeZoneAsync(PersonRef person, CancellationToken ct)
    {
        try
        {
            return (await clock.LoadAsync(person, ct)).Calendar.TimeZone;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not look up the time zone of {Person}; the limit message uses UTC", person);
            return TimeZoneInfo.Utc;
        }
    }
}

/// <summary>
/// The limiter when no storage is composed (Core on its own, adapter tests): everything is allowed. A host with
/// storage replaces it with the shared limiter; an in-memory counter would not hold across hosts.
/// </summary>
public sealed class NoUsageLimits : IUsageLimiter
{
    public Task<UsageDecision> TryTakeAsync(PersonRef person, LimitedAction action, int amount, IReadOnlyList<UsageWindow> windows,
        DateTimeOffset now, CancellationToken ct) => Task.FromResult(UsageDecision.Allow);
}
