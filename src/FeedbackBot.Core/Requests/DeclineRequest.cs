using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Telemetry;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Core.Requests;

/// <summary>What a decline or snooze did.</summary>
public enum RecipientActionOutcome
{
    /// <summary>Done.</summary>
    Done,
    /// <summary>The person already answered, declined, or the request expired: nothing changed.</summary>
    NotPending,
    /// <summary>The person was not asked in this request.</summary>
    NotAsked,
    /// <summary>No such request.</summary>
    Missing,
}

/// <summary>An asked person declines, optionally saying why. The requester is told; pending nudges stop.</summary>
public sealed class DeclineRequest(IRequestStore requests, RequestFollowUp followUp, ILogger<DeclineRequest> logger)
{
    public const int MaxReasonLength = 500;

    public async Task<RecipientActionOutcome> RunAsync(string requestId, PersonRef recipient, string? reason, CancellationToken ct)
    {
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (reason is { Length: > MaxReasonLength })
        {
            reason = reason[..MaxReasonLength];
        }

        var (outcome, stored) = await requests.UpdatePendingRecipientAsync(requestId, recipient,
            r => r with { Status = RecipientStatus.Declined, DeclineReason = reason }, ct);

        if (outcome != RecipientActionOutcome.Done || stored is null)
        {
            return outcome;
        }

        FeedbackMetrics.RequestDeclined(recipient);
        logger.LogInformation("Request {RequestId} declined by {Recipient}", requestId, recipient);
        await followUp.TellRequesterAsync(
            stored.Requester, new RequestDeclinedNotice(stored.Id, stored.Question, recipient, reason, stored.Tally()), ct);
        await followUp.SummarizeIfDoneAsync(stored.Id, ct);
        return RecipientActionOutcome.Done;
    }
}
