using FeedbackBot.Core.Nudges;

namespace FeedbackBot.Core.Growth;

/// <summary>
/// When a check-in happens: on the chosen local calendar day (a week, two weeks or a month after the local date of
/// <c>from</c>), when the person's working hours open, or the next working moment after that (a weekend date moves to
/// Monday morning). Local dates, not 7 × 24 hours, so a daylight-saving change in between does not move it an hour.
/// </summary>
public static class CheckInPlanner
{
    public static DateTimeOffset? PlanAt(DateTimeOffset from, CheckInChoice choice, PersonCalendar calendar)
    {
        var today = calendar.LocalDate(from);
        DateOnly? day = choice switch
        {
            CheckInChoice.OneWeek => today.AddDays(7),
            CheckInChoice.TwoWeeks => today.AddDays(14),
            CheckInChoice.OneMonth => today.AddMonths(1),
            _ => null,
        };
        return day is { } d ? WorkingTime.NextWorkingInstant(WorkingTime.OpeningOn(d, calendar), calendar) : null;
    }

    /// <summary>"Not yet": the same interval again from now; one week when the commitment had none.</summary>
    public static DateTimeOffset Replan(DateTimeOffset now, CheckInChoice choice, PersonCalendar calendar) =>
        PlanAt(now, choice == CheckInChoice.None ? CheckInChoice.OneWeek : choice, calendar)!.Value;
}
