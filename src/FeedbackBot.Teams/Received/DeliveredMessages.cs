using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Teams.Received;

/// <summary>
/// Which delivered-feedback message is which feedback, per recipient: Teams' <c>messageReaction</c> names only the
/// message reacted to (<c>replyToId</c>), and the connector cannot read a message back, so the bot keeps the link
/// itself, in Core's <see cref="IAddressBook"/> under the recipient (kind <c>teams.delivered:{activityId}</c>).
/// https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/subscribe-to-conversation-events#message-reaction-events
/// </summary>
public sealed class DeliveredMessages(IAddressBook book, ILogger<DeliveredMessages> logger)
{
    public const string KindPrefix = "teams.delivered:";

    /// <summary>
    /// Remembers that <paramref name="activityId"/> in <paramref name="recipient"/>'s chat carries
    /// <paramref name="feedbackId"/>. Never throws: the card is already delivered, and failing here would make Core
    /// send it again; without the link a reaction on it just does nothing.
    /// </summary>
    public async Task RememberAsync(PersonRef recipient, string activityId, string feedbackId, CancellationToken ct)
    {
        if (activityId.Length is 0 or > 256)
        {
            return;
        }

        try
        {
            await book.SetAsync(recipient, KindPrefix + activityId, feedbackId, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not remember Teams message {ActivityId} as feedback {FeedbackId}", activityId, feedbackId);
        }
    }

    /// <summary>The feedback delivered to <paramref name="recipient"/> as <paramref name="activityId"/>, or null.</summary>
    public Task<string?> FindAsync(PersonRef recipient, string activityId, CancellationToken ct) =>
        activityId.Length is 0 or > 256 ? Task.FromResult<string?>(null) : book.GetAsync(recipient, KindPrefix + activityId, ct);
}
