using FeedbackBot.Core.Preferences;
using FeedbackBot.Core.Requests;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Core.Nudges;

/// <summary>
/// When a pending recipient is nudged. Pure: it reads a request and a person's calendar and answers with
/// instants; storing, sending and scheduling belong to <see cref="RunNudges"/>.
/// <list type="bullet">
/// <item>First nudge: <see cref="NudgeOptions.FirstNudgeDelay"/> after the ask, moved into working hours.</item>
/// <item>Last nudge: the opening of the recipient's last working day that opens before the due instant.</item>
/// <item>A request is nudged at most once per local day, never on the day it was asked (except by a short
/// first-nudge delay), and never at or after its due instant (then it expires).</item>
/// <item>A snoozed request is quiet until its snooze ends and is nudged then; a personal snooze delays every nudge.</item>
/// </list>
/// </summary>
public sealed class NudgePolicy(IOptions<NudgeOptions> options)
{
    private NudgeOptions Options => options.Value;

    /// <summary>Due date when the requester gives none: the close of the N-th working day in the requester's calendar.</summary>
    public DateTimeOffset DefaultDueAt(DateTimeOffset askedAt, PersonCalendar requester) =>
        WorkingTime.AddWorkingDays(askedAt, Options.DueWorkingDays, requester);

    /// <summary>How many nudges the person accepts per local day.</summary>
    public int DailyCap(PersonalPreferences preferences) =>
        preferences.NudgeDailyCap > 0 ? preferences.NudgeDailyCap : Options.DefaultDailyCap;

    /// <summary>Where a one-day snooze ends: the start of the next working day.</summary>
    public DateTimeOffset SnoozeUntil(DateTimeOffset now, PersonCalendar recipient) =>
        WorkingTime.NextWorkingDayStart(now, recipient);

    /// <summary>The planned nudges for one recipient, in order, at most one per local day.</summary>
    public IReadOnlyList<DateTimeOffset> PlannedNudges(FeedbackRequest request, PersonCalendar recipient)
    {
        var times = new List<DateTimeOffset>(2);
        var first = WorkingTime.NextWorkingInstant(request.CreatedAt + Options.FirstNudgeDelay, recipient);
        if (first < request.DueAt)
        {
            times.Add(first);
        }

        // Nudging on the day of the ask would be nagging: they got the request a few hours ago.
        var last = WorkingTime.LastOpeningBefore(request.DueAt, recipient);
        if (last is { } l && recipient.LocalDate(l) > recipient.LocalDate(request.CreatedAt))
        {
            times.Add(l);
        }

        return times.Order().DistinctBy(recipient.LocalDate).ToArray();
    }

    /// <summary>
    /// When <paramref name="recipient"/> should next be nudged about <paramref name="request"/>, or null when no
    /// nudge is left before the due instant (or the recipient is done, or turned nudges off).
    /// </summary>
    public DateTimeOffset? NextNudgeAt(FeedbackRequest request, RequestRecipient recipient, PersonContext person)
    {
        if (!recipient.IsOpen || !person.Preferences.NudgesEnabled)
        {
            return null;
        }

        var calendar = person.Calendar;
        DateTimeOffset? next;
        if (recipient.SnoozedUntil is { } snooze && (recipient.LastNudgedAt is not { } nudged || nudged < snooze))
        {
            // "Snooze" means "remind me then": the end of the snooze is itself a nudge, and replaces the planned
            // ones it covered.
            next = WorkingTime.NextWorkingInstant(snooze, calendar);
        }
        else
        {
            DateOnly? lastDay = recipient.LastNudgedAt is { } at ? calendar.LocalDate(at) : null;
            next = PlannedNudges(request, calendar)
                .Where(t => lastDay is null || calendar.LocalDate(t) > lastDay)
                .Select(t => (DateTimeOffset?)t)
                .FirstOrDefault();
        }

        if (next is { } n && person.Preferences.SnoozedUntil is { } personal && personal > n)
        {
            next = WorkingTime.NextWorkingInstant(personal, calendar);
        }

        return next < request.DueAt ? next : null;
    }

    /// <summary>
    /// When the recipient's nudge job must next look at <paramref name="request"/>: the next nudge, else the due
    /// instant (to expire it). Null when the recipient is no longer pending.
    /// </summary>
    public DateTimeOffset? NextCheckAt(FeedbackRequest request, RequestRecipient recipient, PersonContext person) =>
        recipient.IsOpen ? NextNudgeAt(request, recipient, person) ?? request.DueAt : null;
}
