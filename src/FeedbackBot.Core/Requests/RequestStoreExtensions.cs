using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;

namespace FeedbackBot.Core.Requests;

internal static class RequestStoreExtensions
{
    /// <summary>
    /// Applies <paramref name="change"/> to <paramref name="recipient"/>'s entry only while they are still pending
    /// on the request (decline, snooze): Done with the stored request, or why nothing changed.
    /// </summary>
    public static async Task<(RecipientActionOutcome Outcome, FeedbackRequest? Stored)> UpdatePendingRecipientAsync(
        this IRequestStore requests, string requestId, PersonRef recipient, Func<RequestRecipient, RequestRecipient> change,
        CancellationToken ct)
    {
        var outcome = RecipientActionOutcome.Missing;
        var stored = await requests.UpdateAsync(requestId, current =>
        {
            var me = current.RecipientFor(recipient);
            outcome = me is null ? RecipientActionOutcome.NotAsked
                : !me.IsOpen ? RecipientActionOutcome.NotPending
                : RecipientActionOutcome.Done;
            return outcome == RecipientActionOutcome.Done ? current.WithRecipient(recipient, change) : null;
        }, ct);
        return (outcome, stored);
    }
}
