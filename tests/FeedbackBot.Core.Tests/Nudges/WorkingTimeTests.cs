using FeedbackBot.Core.Nudges;
using FeedbackBot.Core.Preferences;
using static FeedbackBot.Core.Tests.Fakes.CoreWorld;

namespace FeedbackBot.Core.Tests.Nudges;

public sealed class WorkingTimeTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly TimeZoneInfo Kolkata = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static PersonCalendar In(TimeZoneInfo tz) => new(tz, WorkingHours.Default);

    [Fact]
    public void FromLocal_TimeInSpringGapMovesForward()
    {
        // 2025-03-09 02:00 EST the clocks jump to 03:00 EDT: 02:30 does not exist.
        var at = WorkingTime.FromLocal(new DateTime(2025, 3, 9, 2, 30, 0), NewYork);

        Assert.Equal(Utc(2025, 3, 9, 7, 30), at);
        Assert.Equal(new TimeSpan(3, 30, 0), WorkingTime.ToLocal(at, NewYork).TimeOfDay);
    }

    [Fact]
    public void FromLocal_AmbiguousTimePicksEarlierInstant()
    {
        // 2025-11-02 01:30 happens twice in New York: first at -04:00 (05:30Z), then at -05:00 (06:30Z).
        var at = WorkingTime.FromLocal(new DateTime(2025, 11, 2, 1, 30, 0), NewYork);

        Assert.Equal(Utc(2025, 11, 2, 5, 30), at);
    }

    [Fact]
    public void NextWorkingInstant_InsideHoursIsUnchanged()
    {
        var at = Utc(2025, 3, 4, 5, 0); // Tuesday 10:30 IST

        Assert.Equal(at, WorkingTime.NextWorkingInstant(at, In(Kolkata)));
        Assert.True(WorkingTime.IsWithinWorkingHours(at, In(Kolkata)));
    }

    [Fact]
    public void NextWorkingInstant_AfterHoursMovesToNextOpeningWithHalfHourOffset()
    {
        var at = Utc(2025, 3, 4, 12, 0); // Tuesday 17:30 IST, after closing

        Assert.Equal(Utc(2025, 3, 5, 3, 30), WorkingTime.NextWorkingInstant(at, In(Kolkata))); // Wed 09:00 IST
    }

    [Fact]
    public void NextWorkingInstant_WeekendMovesToMondayAcrossDst()
    {
        var saturday = Utc(2025, 3, 8, 19, 0); // Sat 14:00 EST; DST starts Sunday

        Assert.Equal(Utc(2025, 3, 10, 13, 0), WorkingTime.NextWorkingInstant(saturday, In(NewYork))); // Mon 09:00 EDT
    }

    [Fact]
    public void NextWorkingInstant_EarlyMorningMovesToSameDayOpening()
    {
        var at = Utc(2025, 3, 31, 5, 0); // Monday 07:00 CEST (Berlin switched the day before)

        Assert.Equal(Utc(2025, 3, 31, 7, 0), WorkingTime.NextWorkingInstant(at, In(Berlin)));
    }

    [Fact]
    public void AddWorkingDays_SkipsWeekendAndEndsAtClosing()
    {
        var friday = Utc(2025, 3, 7, 19, 0); // Fri 14:00 EST

        // Mon, Tue, Wed; Wednesday 17:00 is EDT by then.
        Assert.Equal(Utc(2025, 3, 12, 21, 0), WorkingTime.AddWorkingDays(friday, 3, In(NewYork)));
    }

    [Fact]
    public void AddWorkingDays_FromSaturdayCountsFromMonday()
    {
        Assert.Equal(Utc(2025, 3, 12, 17, 0), WorkingTime.AddWorkingDays(Utc(2025, 3, 8, 10, 0), 3, PersonCalendar.Default));
    }

    [Fact]
    public void NextWorkingDayStart_FromFridayIsMonday()
    {
        var friday = Utc(2025, 3, 7, 10, 0); // Fri 11:00 CET

        Assert.Equal(Utc(2025, 3, 10, 8, 0), WorkingTime.NextWorkingDayStart(friday, In(Berlin))); // Mon 09:00 CET
    }

    [Fact]
    public void LastOpeningBefore_DueInRecipientsNightUsesTheirMorning()
    {
        // Due Thursday 17:00 UTC = 22:30 IST: the last opening before it is Thursday 09:00 IST.
        Assert.Equal(Utc(2025, 3, 6, 3, 30), WorkingTime.LastOpeningBefore(Utc(2025, 3, 6, 17, 0), In(Kolkata)));
        // Due Thursday 02:00 UTC = 07:30 IST: Thursday has not opened yet, so Wednesday.
        Assert.Equal(Utc(2025, 3, 5, 3, 30), WorkingTime.LastOpeningBefore(Utc(2025, 3, 6, 2, 0), In(Kolkata)));
    }

    [Fact]
    public void IsWorkingDay_NoDaysConfiguredMeansEveryDay()
    {
        var hours = new WorkingHours([], new TimeOnly(9, 0), new TimeOnly(17, 0));

        Assert.Equal(Utc(2025, 3, 8, 10, 0), WorkingTime.NextWorkingInstant(Utc(2025, 3, 8, 10, 0), new PersonCalendar(TimeZoneInfo.Utc, hours)));
    }
}
