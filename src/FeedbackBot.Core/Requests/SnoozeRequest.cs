using FeedbackBot.Core.Nudges;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;

namespace FeedbackBot.Core.Requests;

/// <summary>The outcome of a snooze, and until when (for "I'll remind you Monday at 09:00").</summary>
public sealed record SnoozeResult(RecipientActionOutcome Outcome, DateTimeOffset? Until = null);

/// <summary>
/// "Remind me tomorrow": the request stays quiet until the start of the recipient's next working day, and is
/// nudged then (still within the daily cap, and not after the due instant).
/// </summary>
public sealed class SnoozeRequest(
    IRequestStore requests,
    PersonClock clock,
    NudgePolicy policy,
    TimeProvider time)
{
    public async Task<SnoozeResult> RunAsync(string requestId, PersonRef recipient, CancellationToken ct)
    {
        var context = await clock.LoadAsync(recipient, ct);
        var until = policy.SnoozeUntil(time.GetUtcNow(), context.Calendar);

        var (outcome, stored) = await requests.UpdatePendingRecipientAsync(requestId, recipient,
            r => r with { SnoozedUntil = until }, ct);

        if (outcome != RecipientActionOutcome.Done || stored is null)
        {
            return new SnoozeResult(outcome);
        }

        // The person's next planned check may be days away (the due-date nudge); the snooze's reminder must not
        // wait for it. An earlier check already planned stays: it re-plans from everything the person owes.
        if (policy.NextCheckAt(stored, stored.RecipientFor(recipient)!, context) is { } at)
        {
            await requests.PlanNudgeCheckAsync(recipient, at, replacing: null, ct);
        }

        return new SnoozeResult(RecipientActionOutcome.Done, until);
    }
}
