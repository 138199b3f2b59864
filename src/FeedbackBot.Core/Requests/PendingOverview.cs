using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;

namespace FeedbackBot.Core.Requests;

/// <summary>A request someone is still waiting on you to answer.</summary>
public sealed record OwedRequest(
    string RequestId,
    PersonRef Requester,
    string Question,
    SourceLink? Source,
    DateTimeOffset AskedAt,
    DateTimeOffset DueAt,
    DateTimeOffset? SnoozedUntil = null);

/// <summary>
/// One of your requests that still has someone pending. <see cref="StillPending"/> is null when an answer was
/// anonymous: naming who is left would name who answered.
/// </summary>
public sealed record WaitingRequest(
    string RequestId,
    string Question,
    DateTimeOffset AskedAt,
    DateTimeOffset DueAt,
    RequestTally Tally,
    IReadOnlyList<PersonRef>? StillPending);

/// <summary>What <c>/feedback pending</c> shows: what you owe, and what you wait for.</summary>
public sealed record PendingItems(IReadOnlyList<OwedRequest> Owed, IReadOnlyList<WaitingRequest> Waiting)
{
    public bool IsEmpty => Owed.Count == 0 && Waiting.Count == 0;
}

/// <summary>
/// The pending query. Requests past their due instant are left out even if their expiry job has not run yet:
/// to the person they are over.
/// </summary>
public sealed class PendingOverview(IRequestStore requests, TimeProvider time)
{
    public async Task<PendingItems> GetAsync(PersonRef person, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var owed = (await requests.ListOwedByAsync(person, ct))
            .Where(r => r.DueAt > now && r.RecipientFor(person) is { IsOpen: true })
            .OrderBy(r => r.DueAt).ThenBy(r => r.CreatedAt)
            .Select(r => ToOwed(r, r.RecipientFor(person)!))
            .ToArray();

        var waiting = (await requests.ListAskedByAsync(person, ct))
            .Where(r => r.DueAt > now && r.IsOpen && r.Requester == person)
            .OrderBy(r => r.DueAt).ThenBy(r => r.CreatedAt)
            .Select(ToWaiting)
            .ToArray();

        return new PendingItems(owed, waiting);
    }

    public static OwedRequest ToOwed(FeedbackRequest request, RequestRecipient recipient) =>
        new(request.Id, request.Requester, request.Question, request.Source, request.CreatedAt, request.DueAt, recipient.SnoozedUntil);

    public static WaitingRequest ToWaiting(FeedbackRequest request) =>
        new(request.Id, request.Question, request.CreatedAt, request.DueAt, request.Tally(),
            request.HasAnonymousAnswer ? null : request.Recipients.Where(r => r.IsOpen).Select(r => r.Person).ToArray());
}
