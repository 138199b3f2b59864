using System.ComponentModel.DataAnnotations;
using System.Globalization;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.Nudges;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Ratings;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Core.YearInFeedback;

/// <summary>"Your year in feedback" (section <c>Growth</c>).</summary>
public sealed class YearInFeedbackOptions
{
    public const string SectionName = "Growth";

    /// <summary>The month and day it arrives, <c>MM-dd</c>, in each person's own time zone. Default <c>12-15</c>.</summary>
    [RegularExpression(@"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")]
    public string YearInFeedbackDate { get; set; } = "12-15";

    /// <summary>The local time it arrives. Default 10:00.</summary>
    public TimeOnly YearInFeedbackTime { get; set; } = new(10, 0);
}

/// <summary>
/// Who opted in and when their next summary is due (one entry per person, sorted by time). Being in it is the
/// opt-in: off by default, on when the person ticks it in their settings.
/// </summary>
public interface IYearlySchedule
{
    Task SetNextAsync(PersonRef person, DateTimeOffset at, CancellationToken ct);

    Task RemoveAsync(PersonRef person, CancellationToken ct);

    /// <summary>The person's next time, or null when they did not opt in.</summary>
    Task<DateTimeOffset?> GetNextAsync(PersonRef person, CancellationToken ct);

    /// <summary>
    /// Returns up to <paramref name="max"/> due entries, each pushed <paramref name="lease"/> ahead atomically: two
    /// hosts never share one, and an entry whose run dies before it is moved to next year comes back.
    /// </summary>
    Task<IReadOnlyList<DueReminder>> TakeDueAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken ct);
}

/// <summary>Without storage nobody can opt in (tests of other features, hosts without storage).</summary>
public sealed class NoYearlySchedule : IYearlySchedule
{
    public Task SetNextAsync(PersonRef person, DateTimeOffset at, CancellationToken ct) => Task.CompletedTask;

    public Task RemoveAsync(PersonRef person, CancellationToken ct) => Task.CompletedTask;

    public Task<DateTimeOffset?> GetNextAsync(PersonRef person, CancellationToken ct) => Task.FromResult<DateTimeOffset?>(null);

    public Task<IReadOnlyList<DueReminder>> TakeDueAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken ct) => Task.FromResult<IReadOnlyList<DueReminder>>([]);
}

/// <summary>A theme and how many received feedback items the person attached to it this year.</summary>
public sealed record ThemeGrowth(string Name, int Feedback);

/// <summary>The private yearly summary. <see cref="Themes"/> and <see cref="CommitmentsDone"/> are null when growth tracking is not installed.</summary>
public sealed record YearInFeedbackNotice(
    int Year,
    int Given,
    int Received,
    IReadOnlyList<ThemeGrowth>? Themes,
    int? CommitmentsDone,
    IReadOnlyList<(string Value, int Count)> Values) : ChatNotice
{
    public override T RenderWith<T>(INoticeRenderer<T> renderer) => renderer.Render(this);
}

/// <summary>
/// Opt-in and the yearly run. Like the weekly digest: the schedule holds each opted-in person's next time; a
/// recurring run takes the due ones atomically, plans next year first (so a crash costs at most this year's), then
/// claims <c>yearly:{person}:{year}</c> once and sends. A person who deleted their data is in no schedule.
/// </summary>
public sealed class YearInFeedbackRun(
    IYearlySchedule schedule,
    PersonClock clock,
    IOnceStore once,
    IFeedbackStore feedback,
    ChatMessengers messengers,
    IOptions<YearInFeedbackOptions> options,
    TimeProvider time,
    ILogger<YearInFeedbackRun> logger,
    IGrowthReader? growth = null,
    IValueTagStore? values = null)
{
    private const int BatchSize = 200;

    // A taken entry comes back after Lease unless moved to next year; the year's claim is short (Claim) until the
    // summary is sent, so a host dying mid-send frees it before the entry comes back (a resend, never a loss).
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan Claim = TimeSpan.FromMinutes(10);
    private const int ItemLimit = 5000;

    /// <summary>Opts in (plans the next date) or out (removes the entry). Returns the next time, or null when off.</summary>
    public async Task<DateTimeOffset?> SetOptInAsync(PersonRef person, bool on, CancellationToken ct)
    {
        if (!on)
        {
            await schedule.RemoveAsync(person, ct);
            return null;
        }

        var next = Next(time.GetUtcNow(), (await clock.LoadAsync(person, ct)).Calendar.TimeZone);
        await schedule.SetNextAsync(person, next, ct);
        return next;
    }

    /// <summary>Whether the person opted in.</summary>
    public async Task<bool> IsOnAsync(PersonRef person, CancellationToken ct) => await schedule.GetNextAsync(person, ct) is not null;

    /// <summary>The recurring run: sends every due summary; returns how many were sent.</summary>
    public async Task<int> RunDueAsync(CancellationToken ct)
    {
        var sent = 0;
        foreach (var due in await schedule.TakeDueAsync(time.GetUtcNow(), Lease, BatchSize, ct))
        {
            try
            {
                sent += await RunOneAsync(due, ct) ? 1 : 0;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Year in feedback for {Person} failed", due.Person);
            }
        }

        return sent;
    }

    private async Task<bool> RunOneAsync(DueReminder due, CancellationToken ct)
    {
        var context = await clock.LoadAsync(due.Person, ct);
        var tz = context.Calendar.TimeZone;
        var year = WorkingTime.LocalDate(due.DueAt, tz).Year;
        var key = $"yearly:{due.Person.Key}:{year.ToString(CultureInfo.InvariantCulture)}";
        if (!await once.TryClaimAsync(key, Claim, ct))
        {
            await schedule.SetNextAsync(due.Person, Next(due.DueAt, tz), ct);
            return false;
        }

        try
        {
            await messengers.SendAsync(due.Person, await BuildAsync(due.Person, due.DueAt, year, ct), ct);
            await once.KeepAsync(key, TimeSpan.FromDays(400), ct);
            await schedule.SetNextAsync(due.Person, Next(due.DueAt, tz), ct);
            return true;
        }
        catch (ChatDeliveryException ex) when (!ex.Permanent)
        {
            // Nothing reached them: give the year back and retry within the hour.
            await once.ReleaseAsync(key, ct);
            await schedule.SetNextAsync(due.Person, time.GetUtcNow().AddHours(1), ct);
            throw;
        }
    }

    /// <summary>The summary of the twelve months before <paramref name="at"/>.</summary>
    public async Task<YearInFeedbackNotice> BuildAsync(PersonRef person, DateTimeOffset at, int year, CancellationToken ct)
    {
        var since = at.AddYears(-1);
        var given = (await feedback.ListSentAsync(person, ItemLimit, ct, since)).Count(i => i.CreatedAt <= at);
        var received = (await feedback.ListReceivedAsync(person, ItemLimit, ct, since))
            .Where(i => i.CreatedAt <= at && i.Delivery == DeliveryStatus.Delivered).ToArray();
        IReadOnlyList<ThemeGrowth>? themes = null;
        int? done = null;
        if (growth is not null)
        {
            var record = await growth.GetAsync(person, ct);
            var thisYear = received.Select(i => i.Id).ToHashSet();
            themes = record.Themes
                .Select(t => new ThemeGrowth(t.Name, t.FeedbackIds.Count(thisYear.Contains)))
                .Where(t => t.Feedback > 0)
                .OrderByDescending(t => t.Feedback).ThenBy(t => t.Name, StringComparer.OrdinalIgnoreCase)
                .ToArray();
            done = record.Commitments.Count(c => c.Outcome == CommitmentOutcome.Done && c.OutcomeAt is { } o && o > since && o <= at);
        }

        var tags = values is null ? [] : (await values.ListAsync(person, ct)).Where(t => t.At > since && t.At <= at);
        return new YearInFeedbackNotice(year, given, received.Length, themes, done, RecognisedValues.Count(tags));
    }

    private DateTimeOffset Next(DateTimeOffset after, TimeZoneInfo tz)
    {
        var o = options.Value;
        var month = int.Parse(o.YearInFeedbackDate[..2], CultureInfo.InvariantCulture);
        var day = int.Parse(o.YearInFeedbackDate[3..], CultureInfo.InvariantCulture);
        for (var year = WorkingTime.LocalDate(after, tz).Year; ; year++)
        {
            // 02-29 (or 04-31) falls back to the month's last day in years without it.
            var date = new DateOnly(year, month, Math.Min(day, DateTime.DaysInMonth(year, month)));
            var at = WorkingTime.FromLocal(date, o.YearInFeedbackTime, tz);
            if (at > after)
            {
                return at;
            }
        }
    }
}
