using FeedbackBot.Core.Nudges;
using FeedbackBot.Core.People;
using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Views;

namespace FeedbackBot.Slack.Requests;

/// <summary>
/// Opens the request modal from a handler's RunAsync (trigger_id dies 3 s after Slack issued it). The default due
/// date needs the requester's zone (preferences, then users.info); that lookup gets a small slice of the budget and
/// falls back to UTC rather than lose the trigger.
/// </summary>
public sealed class RequestModalOpener(ModalOpener modals, NudgePolicy policy, PersonClock clock, TimeProvider time)
{
    private static readonly TimeSpan ZoneLookupBudget = TimeSpan.FromMilliseconds(600);

    /// <summary>The opened view and the default due date it shows, or null when it could not be opened.</summary>
    public async Task<(OpenedView View, DateOnly Due)?> OpenAsync(SlackRequester who, string? triggerId, RequestDraft draft, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(triggerId))
        {
            return null;
        }

        var started = time.GetTimestamp();
        var due = await DefaultDueDateAsync(SlackIds.Person(who.TeamId, who.UserId), ct);
        return await modals.OpenAsync(who, triggerId, RequestModal.Build(draft, due), ct, time.GetElapsedTime(started)) is { } opened
            ? (opened, due)
            : null;
    }

    /// <summary>Three working days (Core's default) as a date in the requester's zone.</summary>
    private async Task<DateOnly> DefaultDueDateAsync(PersonRef requester, CancellationToken ct)
    {
        var calendar = PersonCalendar.Default;
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(ZoneLookupBudget);
        try
        {
            calendar = (await clock.LoadAsync(requester, budget.Token)).Calendar;
        }
        catch (Exception ex) when (ex is PeopleLookupException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            // UTC is at most a day off; a lost trigger_id would lose the whole form.
        }

        return calendar.LocalDate(policy.DefaultDueAt(time.GetUtcNow(), calendar));
    }
}
