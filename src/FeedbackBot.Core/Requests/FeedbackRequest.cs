using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.People;

namespace FeedbackBot.Core.Requests;

/// <summary>Where one asked person stands on a request.</summary>
public enum RecipientStatus
{
    Pending,
    Answered,
    Declined,
    Expired,
}

/// <summary>One asked person and their answer, if any.</summary>
public sealed record RequestRecipient(
    PersonRef Person,
    RecipientStatus Status = RecipientStatus.Pending,
    DateTimeOffset? AnsweredAt = null,
    string? FeedbackId = null,
    string? DeclineReason = null,
    DateTimeOffset? SnoozedUntil = null,
    int NudgesSent = 0,
    DateTimeOffset? LastNudgedAt = null,
    bool AnsweredAnonymously = false,
    SendState? Prompt = null)
{
    public bool IsOpen => Status == RecipientStatus.Pending;

    /// <summary>Whether the ask itself still has to reach this person (null on requests stored before prompts were tracked).</summary>
    public bool PromptOwed => Prompt is { IsPending: true };
}

/// <summary>How the asked people stand on one request: "2 of 3 answered".</summary>
public sealed record RequestTally(int Answered, int Declined, int Expired, int Pending)
{
    public int Total => Answered + Declined + Expired + Pending;
}

/// <summary>A request for feedback from one person to several.</summary>
public sealed record FeedbackRequest(
    string Id,
    PersonRef Requester,
    string Question,
    SourceLink? Source,
    DateTimeOffset CreatedAt,
    DateTimeOffset DueAt,
    IReadOnlyList<RequestRecipient> Recipients,
    bool SummarySent = false,
    SendState? Summary = null)
{
    public bool IsOpen => Recipients.Any(r => r.IsOpen);

    /// <summary>
    /// Nobody is pending and the summary has not gone out (nor been given up on). <see cref="SummarySent"/> means
    /// "no summary owed any more"; <see cref="Summary"/> says how it ended.
    /// </summary>
    public bool SummaryOwed => !IsOpen && !SummarySent;

    /// <summary>
    /// The outbox entries this request's state calls for: one per recipient whose prompt is owed, and the summary
    /// when owed. Storage keeps the outbox equal to this in the same atomic step as every write of the request, so
    /// a change that owes a message cannot be stored without the record that it must be sent.
    /// </summary>
    public IEnumerable<OutboxEntry> PendingWork()
    {
        foreach (var r in Recipients.Where(r => r.PromptOwed))
        {
            yield return OutboxEntry.ForPrompt(Id, r.Person);
        }

        if (SummaryOwed)
        {
            yield return OutboxEntry.ForSummary(Id);
        }
    }

    public RequestRecipient? RecipientFor(PersonRef person) => Recipients.FirstOrDefault(r => r.Person == person);

    /// <summary>Counts per status.</summary>
    public RequestTally Tally() => new(
        Recipients.Count(r => r.Status == RecipientStatus.Answered),
        Recipients.Count(r => r.Status == RecipientStatus.Declined),
        Recipients.Count(r => r.Status == RecipientStatus.Expired),
        Recipients.Count(r => r.Status == RecipientStatus.Pending));

    /// <summary>
    /// Whether any answer was given anonymously. Then nobody's name is shown next to the request's progress:
    /// "Bea and Cem still pending" would tell the requester that the anonymous answer came from Ada.
    /// </summary>
    public bool HasAnonymousAnswer => Recipients.Any(r => r.AnsweredAnonymously);

    /// <summary>Time from the ask to <paramref name="person"/>'s answer (for metrics and insights); null while unanswered.</summary>
    public TimeSpan? TimeToFeedback(PersonRef person) =>
        RecipientFor(person) is { Status: RecipientStatus.Answered, AnsweredAt: { } at } ? at - CreatedAt : null;

    /// <summary>A copy with <paramref name="person"/>'s entry replaced by <paramref name="update"/>.</summary>
    public FeedbackRequest WithRecipient(PersonRef person, Func<RequestRecipient, RequestRecipient> update) =>
        this with { Recipients = Recipients.Select(r => r.Person == person ? update(r) : r).ToArray() };
}
