namespace FeedbackBot.Core.Preferences;

/// <summary>The days and local hours in which a person may be nudged.</summary>
public sealed record WorkingHours(IReadOnlyList<DayOfWeek> Days, TimeOnly Start, TimeOnly End)
{
    /// <summary>Monday to Friday, 09:00–17:00.</summary>
    public static WorkingHours Default { get; } = new(
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
        new TimeOnly(9, 0),
        new TimeOnly(17, 0));

    public bool IsWorkingDay(DayOfWeek day) => Days.Contains(day);
}

/// <summary>When the weekly digest arrives, in the person's own time zone.</summary>
public sealed record WeeklyReminder(bool Enabled, DayOfWeek Day, TimeOnly Time)
{
    /// <summary>Friday 15:00 local time.</summary>
    public static WeeklyReminder Default { get; } = new(true, DayOfWeek.Friday, new TimeOnly(15, 0));
}

/// <summary>
/// A person's own settings. <see cref="TimeZoneId"/> is an IANA id (e.g. <c>Europe/Berlin</c>); when null the
/// platform's profile time zone is used, and UTC when that is unknown too.
/// </summary>
public sealed record PersonalPreferences(
    string? TimeZoneId,
    WorkingHours WorkingHours,
    WeeklyReminder WeeklyReminder,
    bool AcceptsAnonymous,
    int NudgeDailyCap,
    bool NudgesEnabled,
    DateTimeOffset? SnoozedUntil)
{
    public static PersonalPreferences Default { get; } = new(
        TimeZoneId: null,
        WorkingHours: WorkingHours.Default,
        WeeklyReminder: WeeklyReminder.Default,
        AcceptsAnonymous: false,
        NudgeDailyCap: 1,
        NudgesEnabled: true,
        SnoozedUntil: null);

    /// <summary>The time zone to plan in; falls back to UTC when the id is missing or unknown on this machine.</summary>
    public TimeZoneInfo ResolveTimeZone(string? profileTimeZoneId = null)
    {
        foreach (var id in new[] { TimeZoneId, profileTimeZoneId })
        {
            if (!string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var tz))
            {
                return tz;
            }
        }

        return TimeZoneInfo.Utc;
    }
}
