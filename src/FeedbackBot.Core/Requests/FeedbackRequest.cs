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
    int NudgesSent = 0)
{
    public bool IsOpen => Status == RecipientStatus.Pending;
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
    bool SummarySent = false)
{
    public bool IsOpen => Recipients.Any(r => r.IsOpen);

    public RequestRecipient? RecipientFor(PersonRef person) => Recipients.FirstOrDefault(r => r.Person == person);

    /// <summary>A copy with <paramref name="person"/>'s entry replaced by <paramref name="update"/>.</summary>
    public FeedbackRequest WithRecipient(PersonRef person, Func<RequestRecipient, RequestRecipient> update) =>
        this with { Recipients = Recipients.Select(r => r.Person == person ? update(r) : r).ToArray() };
}
