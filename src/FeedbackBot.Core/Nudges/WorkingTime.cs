using FeedbackBot.Core.Preferences;

namespace FeedbackBot.Core.Nudges;

/// <summary>A person's time zone and working hours: everything needed to place a nudge in their day.</summary>
public sealed record PersonCalendar(TimeZoneInfo TimeZone, WorkingHours Hours)
{
    /// <summary>UTC, Monday to Friday 09:00–17:00.</summary>
    public static PersonCalendar Default { get; } = new(TimeZoneInfo.Utc, WorkingHours.Default);

    /// <summary>The local calendar date of <paramref name="instant"/> for this person.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) => WorkingTime.LocalDate(instant, TimeZone);
}

/// <summary>
/// Pure calendar arithmetic in a person's own time zone. Every conversion from a local wall-clock time to an
/// instant goes through <see cref="FromLocal(DateTime, TimeZoneInfo)"/>, which settles daylight-saving gaps and overlaps the same way
/// everywhere.
/// </summary>
public static class WorkingTime
{
    // Far enough to cross any run of non-working days (a week) plus a transition; a guard, not a rule.
    private const int MaxDaysScanned = 15;

    /// <summary>
    /// The instant a local wall-clock time means in <paramref name="timeZone"/>. A time inside a spring-forward gap
    /// (02:30 on the night clocks jump from 02:00 to 03:00) does not exist: it moves forward by the gap, to 03:30.
    /// A time inside a fall-back overlap (01:30 happens twice) takes the earlier of the two instants.
    /// The result carries the zone's offset at that instant, so logs read in local time.
    /// </summary>
    public static DateTimeOffset FromLocal(DateTime local, TimeZoneInfo timeZone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (timeZone.IsInvalidTime(local))
        {
            // Read it with the offset in force before the gap: that instant lies past the gap, exactly as far from
            // the gap's end as the wall-clock time was from its start. A day earlier is safely before any gap.
            var before = timeZone.GetUtcOffset(local.AddDays(-1));
            return TimeZoneInfo.ConvertTime(new DateTimeOffset(local, before), timeZone);
        }

        if (timeZone.IsAmbiguousTime(local))
        {
            // The larger offset is the one in force first (summer time, before clocks go back).
            return new DateTimeOffset(local, timeZone.GetAmbiguousTimeOffsets(local).Max());
        }

        return new DateTimeOffset(local, timeZone.GetUtcOffset(local));
    }

    /// <summary>The instant <paramref name="time"/> on <paramref name="date"/> means in <paramref name="timeZone"/>.</summary>
    public static DateTimeOffset FromLocal(DateOnly date, TimeOnly time, TimeZoneInfo timeZone) =>
        FromLocal(date.ToDateTime(time), timeZone);

    /// <summary><paramref name="instant"/> seen on a wall clock in <paramref name="timeZone"/>.</summary>
    public static DateTimeOffset ToLocal(DateTimeOffset instant, TimeZoneInfo timeZone) =>
        TimeZoneInfo.ConvertTime(instant, timeZone);

    /// <summary>The local calendar date of <paramref name="instant"/> in <paramref name="timeZone"/>.</summary>
    public static DateOnly LocalDate(DateTimeOffset instant, TimeZoneInfo timeZone) =>
        DateOnly.FromDateTime(ToLocal(instant, timeZone).DateTime);

    /// <summary>
    /// Whether <paramref name="day"/> is a working day. A person with no working days configured is treated as
    /// working every day, rather than never being reachable.
    /// </summary>
    public static bool IsWorkingDay(WorkingHours hours, DayOfWeek day) => hours.Days.Count == 0 || hours.IsWorkingDay(day);

    /// <summary>When working hours open on <paramref name="date"/>.</summary>
    public static DateTimeOffset OpeningOn(DateOnly date, PersonCalendar calendar) =>
        FromLocal(date, calendar.Hours.Start, calendar.TimeZone);

    /// <summary>
    /// When working hours close on <paramref name="date"/> (exclusive). An end at or before the start (a
    /// misconfiguration, or a night shift we don't model) closes at midnight instead.
    /// </summary>
    public static DateTimeOffset ClosingOn(DateOnly date, PersonCalendar calendar) =>
        calendar.Hours.End > calendar.Hours.Start
            ? FromLocal(date, calendar.Hours.End, calendar.TimeZone)
            : FromLocal(date.AddDays(1), TimeOnly.MinValue, calendar.TimeZone);

    /// <summary>Whether <paramref name="instant"/> falls inside the person's working hours.</summary>
    public static bool IsWithinWorkingHours(DateTimeOffset instant, PersonCalendar calendar) =>
        NextWorkingInstant(instant, calendar) == instant;

    /// <summary>
    /// The earliest instant at or after <paramref name="from"/> inside working hours: <paramref name="from"/>
    /// itself when it already is, otherwise the next opening (later today, or the next working day).
    /// </summary>
    public static DateTimeOffset NextWorkingInstant(DateTimeOffset from, PersonCalendar calendar)
    {
        var today = calendar.LocalDate(from);
        for (var i = 0; i < MaxDaysScanned; i++)
        {
            var date = today.AddDays(i);
            if (!IsWorkingDay(calendar.Hours, date.DayOfWeek))
            {
                continue;
            }

            var opening = OpeningOn(date, calendar);
            if (from < opening)
            {
                return opening;
            }

            if (from < ClosingOn(date, calendar))
            {
                return from;
            }
        }

        throw new InvalidOperationException("No working time found within two weeks.");
    }

    /// <summary>
    /// The opening of the first working day after the local date of <paramref name="from"/>: what "snooze one day"
    /// means. Snoozed on a Friday, it is Monday morning.
    /// </summary>
    public static DateTimeOffset NextWorkingDayStart(DateTimeOffset from, PersonCalendar calendar) =>
        OpeningOn(NextWorkingDay(calendar.LocalDate(from), calendar.Hours), calendar);

    /// <summary>
    /// The close of the <paramref name="workingDays"/>-th working day after the local date of
    /// <paramref name="from"/>. Asked on a Monday (any time), three working days is Thursday at closing time;
    /// asked on a Saturday, it is Wednesday.
    /// </summary>
    public static DateTimeOffset AddWorkingDays(DateTimeOffset from, int workingDays, PersonCalendar calendar)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var date = calendar.LocalDate(from);
        if (workingDays == 0 && !IsWorkingDay(calendar.Hours, date.DayOfWeek))
        {
            date = NextWorkingDay(date, calendar.Hours);
        }

        for (var i = 0; i < workingDays; i++)
        {
            date = NextWorkingDay(date, calendar.Hours);
        }

        return ClosingOn(date, calendar);
    }

    /// <summary>
    /// The opening of the last working day that opens before <paramref name="limit"/>, or null when none does
    /// within two weeks. Used for the "due today" nudge: for a recipient far east of the requester, the due
    /// instant may fall in their night, and the last nudge then lands on their previous morning.
    /// </summary>
    public static DateTimeOffset? LastOpeningBefore(DateTimeOffset limit, PersonCalendar calendar)
    {
        var date = calendar.LocalDate(limit);
        for (var i = 0; i < MaxDaysScanned; i++, date = date.AddDays(-1))
        {
            if (!IsWorkingDay(calendar.Hours, date.DayOfWeek))
            {
                continue;
            }

            var opening = OpeningOn(date, calendar);
            if (opening < limit)
            {
                return opening;
            }
        }

        return null;
    }

    private static DateOnly NextWorkingDay(DateOnly after, WorkingHours hours)
    {
        var date = after.AddDays(1);
        while (!IsWorkingDay(hours, date.DayOfWeek))
        {
            date = date.AddDays(1);
        }

        return date;
    }
}
