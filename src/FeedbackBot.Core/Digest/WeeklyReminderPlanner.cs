using System.Globalization;
using FeedbackBot.Core.Nudges;
using FeedbackBot.Core.Preferences;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Core.Digest;

/// <summary>Pure rules for when a person's weekly digest happens, in their own time zone.</summary>
public sealed class WeeklyReminderPlanner(IOptions<DigestOptions> options)
{
    /// <summary>
    /// The person's reminder with the workspace default applied: someone who never changed theirs (it still
    /// equals <see cref="WeeklyReminder.Default"/>) gets <see cref="DigestOptions.DefaultDay"/> and
    /// <see cref="DigestOptions.DefaultTime"/>.
    /// </summary>
    public WeeklyReminder Effective(PersonalPreferences preferences) =>
        preferences.WeeklyReminder == WeeklyReminder.Default
            ? WeeklyReminder.Default with { Day = options.Value.DefaultDay, Time = options.Value.DefaultTime }
            : preferences.WeeklyReminder;

    /// <summary>
    /// The first <paramref name="day"/> at local <paramref name="time"/> strictly after <paramref name="after"/>.
    /// Each week is computed from the local calendar, so the UTC instant follows DST changes; a local time that
    /// does not exist that day moves forward (see <see cref="WorkingTime.FromLocal(DateTime, TimeZoneInfo)"/>).
    /// </summary>
    public static DateTimeOffset NextOccurrence(DateTimeOffset after, TimeZoneInfo timeZone, DayOfWeek day, TimeOnly time)
    {
        var today = WorkingTime.LocalDate(after, timeZone);
        var date = today.AddDays(((int)day - (int)today.DayOfWeek + 7) % 7);
        var at = WorkingTime.FromLocal(date, time, timeZone);
        return at > after ? at : WorkingTime.FromLocal(date.AddDays(7), time, timeZone);
    }

    /// <summary>
    /// The last <paramref name="day"/> at local <paramref name="time"/> at or before <paramref name="at"/> (the
    /// occurrence a late-run schedule entry stands for); <paramref name="at"/> itself when none is within the week.
    /// </summary>
    public static DateTimeOffset LatestOccurrence(DateTimeOffset at, TimeZoneInfo timeZone, DayOfWeek day, TimeOnly time)
    {
        // Seven local days are 167–169 hours around a DST change: start eight days back and keep the last one.
        DateTimeOffset? latest = null;
        for (var next = NextOccurrence(at.AddDays(-8), timeZone, day, time); next <= at; next = NextOccurrence(next, timeZone, day, time))
        {
            latest = next;
        }

        return latest ?? at;
    }

    /// <summary>The ISO week, <c>2025-W11</c>, of the local date of <paramref name="instant"/>: the digest's once-per-week key.</summary>
    public static string WeekKey(DateTimeOffset instant, TimeZoneInfo timeZone) =>
        WeekKey(WorkingTime.LocalDate(instant, timeZone));

    public static string WeekKey(DateOnly date)
    {
        var day = date.ToDateTime(TimeOnly.MinValue);
        return string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(day)}-W{ISOWeek.GetWeekOfYear(day):00}");
    }
}
