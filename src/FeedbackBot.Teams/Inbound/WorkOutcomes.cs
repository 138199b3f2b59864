using System.Text.Json.Nodes;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.People;
using FeedbackBot.Teams.Connector;
using FeedbackBot.Teams.Delivery;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Teams.Inbound;

/// <summary>Where work after the answer tells its outcome: the card that accepted it, a reply beside it, or the person's 1:1.</summary>
public sealed record OutcomePlace(string ServiceUrl, string? ConversationId, string? CardId, string? ReplyToId = null);

/// <summary>
/// Tells a person how durable work (<see cref="TeamsWork"/>) went, where they asked for it: the card updated in place
/// (<c>PUT …/activities/{id}</c>), else a reply in that conversation, else their 1:1. Never throws for Teams: the
/// work itself is done (or nothing was done); only this card can be lost, and that is logged.
/// </summary>
public sealed class WorkOutcomes(TeamsConnectorClient connector, TeamsMessenger messenger, ILogger<WorkOutcomes> logger)
{
    public async Task TellAsync(PersonRef person, OutcomePlace place, JsonObject card, string workId, CancellationToken ct)
    {
        try
        {
            if (place is { CardId.Length: > 0, ConversationId.Length: > 0 })
            {
                try
                {
                    await connector.UpdateAsync(place.ServiceUrl, place.ConversationId, place.CardId, TeamsMessenger.CardActivity(card), ct);
                    return;
                }
                catch (ConnectorException ex)
                {
                    // The card is gone or cannot be changed: say it in a new message rather than leave "Asking…".
                    logger.LogInformation(ex, "Card {CardId} not updated; replying instead", place.CardId);
                }
            }

            if (place.ConversationId is { Length: > 0 } conversation)
            {
                await connector.SendAsync(place.ServiceUrl, conversation, TeamsMessenger.CardActivity(card) with { ReplyToId = place.ReplyToId ?? place.CardId }, ct);
                return;
            }

            await messenger.SendCardAsync(person, card, ct);
        }
        catch (Exception ex) when (ex is ConnectorException or ChatDeliveryException)
        {
            logger.LogWarning(ex, "Could not tell {Person} how Teams work {WorkId} went", person, workId);
        }
    }
}
