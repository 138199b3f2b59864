using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Insights;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Telemetry;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Core.Requests;

/// <summary>What recording an answer did.</summary>
public enum AnswerOutcome
{
    /// <summary>The recipient is now answered; the requester was told.</summary>
    Answered,
    /// <summary>This recipient had already answered: nothing changed, nobody was told again.</summary>
    AlreadyAnswered,
    /// <summary>The feedback does not answer a request (no request id, or not from an asked person to the requester).</summary>
    NotAnAnswer,
    /// <summary>The feedback or the request does not exist.</summary>
    Missing,
}

/// <summary>
/// Marks an asked person answered once their feedback with a request id is stored: records when and with
/// which feedback (time-to-feedback), tells the requester, and sends the summary when nobody is left pending.
/// A late answer to an expired or declined ask still counts. Call it for each item <c>GiveFeedback</c> created
/// with a request id; running it twice changes nothing the second time.
/// </summary>
public sealed class AnswerRequest(
    IFeedbackStore feedback,
    IRequestStore requests,
    RequestFollowUp followUp,
    ILogger<AnswerRequest> logger,
    IInsightsRecorder? insights = null)
{
    /// <summary>Job-friendly form: re-reads the feedback item by id.</summary>
    public async Task<AnswerOutcome> RecordAsync(string feedbackId, CancellationToken ct) =>
        await feedback.GetAsync(feedbackId, ct) is { } item ? await RecordAsync(item, ct) : AnswerOutcome.Missing;

    public async Task<AnswerOutcome> RecordAsync(FeedbackItem item, CancellationToken ct)
    {
        if (item.RequestId is null)
        {
            return AnswerOutcome.NotAnAnswer;
        }

        var request = await requests.GetAsync(item.RequestId, ct);
        if (request is null)
        {
            return AnswerOutcome.Missing;
        }

        if (item.Recipient != request.Requester || request.RecipientFor(item.Giver) is null)
        {
            return AnswerOutcome.NotAnAnswer;
        }

        var changed = false;
        var stored = await requests.UpdateAsync(request.Id, current =>
        {
            changed = false;
            if (current.RecipientFor(item.Giver) is not { } me || me.Status == RecipientStatus.Answered)
            {
                return null;
            }

            changed = true;
            return current.WithRecipient(item.Giver, r => r with
            {
                Status = RecipientStatus.Answered,
                // When it was written, not when this ran: a delayed job must not stretch time-to-feedback.
                AnsweredAt = item.CreatedAt,
                FeedbackId = item.Id,
                AnsweredAnonymously = item.Anonymous,
                DeclineReason = null,
            });
        }, ct);

        if (!changed || stored is null)
        {
            return AnswerOutcome.AlreadyAnswered;
        }

        FeedbackMetrics.RequestAnswered(item.Giver, stored.TimeToFeedback(item.Giver));
        await (insights ?? NoInsightsRecorder.Instance).AnsweredAsync(stored, item.Giver, ct);
        // An anonymous answer names neither its giver nor its item: either would tie the answer to the asked person.
        if (item.Anonymous)
        {
            logger.LogInformation("Request {RequestId} answered anonymously", stored.Id);
        }
        else
        {
            logger.LogInformation("Request {RequestId} answered by {Giver} with {FeedbackId}", stored.Id, item.Giver, item.Id);
        }
        await followUp.TellRequesterAsync(
            stored.Requester,
            new RequestAnsweredNotice(stored.Id, stored.Question, item.Anonymous ? null : item.Giver, item.Id, stored.Tally()),
            ct);
        await followUp.SummarizeIfDoneAsync(stored.Id, ct);
        return AnswerOutcome.Answered;
    }
}
