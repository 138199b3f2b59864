using FeedbackBot.Core.Nudges;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Requests;

namespace FeedbackBot.Core.Feedback;

/// <summary>What an outbox entry asks for.</summary>
public enum OutboxKind
{
    /// <summary>Deliver a stored feedback item (<c>DeliverFeedback</c>).</summary>
    Feedback,
    /// <summary>Ask one recipient of a request (<c>DeliverRequestNotice.PromptAsync</c>).</summary>
    Prompt,
    /// <summary>Send a closed request's summary to its requester (<c>DeliverRequestNotice.SummaryAsync</c>).</summary>
    Summary,
    /// <summary>Run one person's nudge check (<c>RunNudges</c>), taken from the nudge schedule.</summary>
    NudgeCheck,
}

/// <summary>
/// One piece of pending work, as stored in an outbox and passed to the dispatcher: a string that names its kind.
/// A feedback id stands for itself (entries written before kinds existed stay valid); the others read
/// <c>prompt/{requestId}/{personKey}</c>, <c>summary/{requestId}</c> and
/// <c>nudge/{personKey}/{plannedAtMs}/{version}</c>. Ids and person keys never contain '/'.
/// </summary>
public sealed record OutboxEntry(OutboxKind Kind, string Id, PersonRef? Person = null, DueNudgeCheck? Check = null)
{
    public static OutboxEntry ForFeedback(string feedbackId) => new(OutboxKind.Feedback, feedbackId);

    public static OutboxEntry ForPrompt(string requestId, PersonRef recipient) => new(OutboxKind.Prompt, requestId, recipient);

    public static OutboxEntry ForSummary(string requestId) => new(OutboxKind.Summary, requestId);

    public static OutboxEntry ForNudgeCheck(DueNudgeCheck check) => new(OutboxKind.NudgeCheck, check.Person.Key, check.Person, check);

    public override string ToString() => Kind switch
    {
        OutboxKind.Prompt => $"prompt/{Id}/{Person!.Key}",
        OutboxKind.Summary => $"summary/{Id}",
        OutboxKind.NudgeCheck => $"nudge/{Person!.Key}/{Check!.PlannedAt.ToUnixTimeMilliseconds()}/{Check.Version}",
        _ => Id,
    };

    /// <summary>Reads <see cref="ToString"/> back; anything without a kind is a feedback id.</summary>
    public static OutboxEntry Parse(string value)
    {
        var parts = value.Split('/');
        return parts switch
        {
            ["prompt", var id, var person] => ForPrompt(id, PersonRef.Parse(person)),
            ["summary", var id] => ForSummary(id),
            ["nudge", var person, var planned, var version] => ForNudgeCheck(new DueNudgeCheck(
                PersonRef.Parse(person), DateTimeOffset.FromUnixTimeMilliseconds(Number(planned)), version.Length == 0 ? null : Number(version))),
            _ => ForFeedback(value),
        };

        static long Number(string s) => long.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>Where one keyed message stands (a request's prompt to one recipient, or its summary).</summary>
public enum SendStatus
{
    /// <summary>Still to send; the outbox holds an entry for it.</summary>
    Pending,
    /// <summary>Arrived (sent now, or found on the platform after an uncertain attempt).</summary>
    Sent,
    /// <summary>Given up after the last attempt or a permanent refusal; the person concerned was told.</summary>
    Failed,
    /// <summary>No longer wanted before it went out (e.g. the recipient answered from <c>/feedback pending</c>).</summary>
    Skipped,
}

/// <summary>The delivery record of one keyed message: status, attempts so far, the first attempt's start, the last error.</summary>
public sealed record SendState(SendStatus Status = SendStatus.Pending, int Attempts = 0, DateTimeOffset? StartedAt = null, string? Error = null)
{
    public bool IsPending => Status == SendStatus.Pending;
}

/// <summary>
/// Runs one outbox entry of any kind: the one place the dispatcher (fast path and sweep) hands work to Core.
/// Every kind is idempotent and exactly-once on its own, so running an entry twice is harmless.
/// </summary>
public sealed class RunOutboxEntry(DeliverFeedback feedback, DeliverRequestNotice requests, RunNudges nudges)
{
    public async Task RunAsync(string entry, CancellationToken ct)
    {
        var e = OutboxEntry.Parse(entry);
        switch (e.Kind)
        {
            case OutboxKind.Prompt:
                await requests.PromptAsync(e.Id, e.Person!, requesterWaiting: false, ct);
                break;
            case OutboxKind.Summary:
                await requests.SummaryAsync(e.Id, ct);
                break;
            case OutboxKind.NudgeCheck:
                await nudges.RunAsync(e.Check!, ct);
                break;
            default:
                await feedback.RunAsync(e.Id, ct);
                break;
        }
    }
}
