using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Nudges;
using FeedbackBot.Core.People;

namespace FeedbackBot.Core.Digest;

/// <summary>The start of one received feedback. <see cref="From"/> is null when it was anonymous.</summary>
public sealed record DigestExcerpt(string FeedbackId, PersonRef? From, FeedbackKind Kind, string Text, DateTimeOffset At);

/// <summary>Why someone is suggested, strongest first.</summary>
public enum SuggestionKind
{
    /// <summary>They asked you for feedback and are still waiting.</summary>
    HelpAsker,
    /// <summary>They gave you feedback (with their name) and you have not given them any since.</summary>
    ThankGiver,
    /// <summary>You asked them for feedback and have not given them any lately.</summary>
    ReturnTheFavour,
}

/// <summary>
/// One person to thank or help, with the interaction behind it. <see cref="Because"/> is a plain sentence
/// about that person ("asked you for feedback on ... (due 2025-03-13)"); adapters put the person's mention in
/// front of it.
/// </summary>
public sealed record DigestSuggestion(
    PersonRef Person,
    SuggestionKind Kind,
    string Because,
    DateTimeOffset Since,
    string? RequestId = null,
    string? FeedbackId = null);

/// <summary>
/// Weeks in a row (Monday-based, in the person's time zone) with at least one feedback given. When this week
/// has none yet, the streak counts up to last week and <see cref="IncludesThisWeek"/> is false: still alive,
/// one feedback away from growing.
/// </summary>
public sealed record FeedbackStreak(int Weeks, bool IncludesThisWeek)
{
    public static FeedbackStreak None { get; } = new(0, false);

    public static FeedbackStreak From(IEnumerable<DateTimeOffset> givenAt, DateTimeOffset now, TimeZoneInfo timeZone)
    {
        var weeks = givenAt.Select(at => WeekStart(WorkingTime.LocalDate(at, timeZone))).ToHashSet();
        var week = WeekStart(WorkingTime.LocalDate(now, timeZone));
        var includesThisWeek = weeks.Contains(week);
        if (!includesThisWeek)
        {
            week = week.AddDays(-7);
        }

        var count = 0;
        while (weeks.Contains(week))
        {
            count++;
            week = week.AddDays(-7);
        }

        return new FeedbackStreak(count, includesThisWeek && count > 0);
    }

    private static DateOnly WeekStart(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));
}
