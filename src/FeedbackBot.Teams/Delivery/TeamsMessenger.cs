using System.Text.Json.Nodes;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.People;
using FeedbackBot.Teams.Activities;
using FeedbackBot.Teams.Addressing;
using FeedbackBot.Teams.Cards;
using FeedbackBot.Teams.Connector;
using FeedbackBot.Teams.Received;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Teams.Delivery;

/// <summary>
/// Core's messenger for Teams: renders the notice as an Adaptive Card (<see cref="NoticeCards"/>) and posts it into
/// the person's 1:1 with the bot, creating that conversation from the stored address when needed
/// (<c>POST /v3/conversations</c> with the <c>29:</c> id and tenant).
/// <para>
/// Exactly once: Teams' connector has no way to list a conversation's messages (Bot Framework's
/// GetActivities is not served by Teams), and reading a chat through Microsoft Graph needs a protected permission
/// this bot does not ask for, so <see cref="FindSentAsync"/> cannot find a message and answers null. What keeps
/// duplicates away is the send itself: the client repeats a send only after an answer that says nothing was
/// posted (429, 412, 503, no connection), and Core's lease and outbox rerun it only after a failure. A send that
/// may have been posted (502/504, timeout, dropped connection) is reported as "maybe sent"; Core's next attempt
/// then sends again, so that rare case can show the card twice. docs/teams.md says so.
/// </para>
/// Failures become <see cref="ChatDeliveryException"/>: 403 (the person blocked or uninstalled the bot) and 404
/// (conversation gone) are permanent, and a 404 also forgets the stored 1:1 so a reinstall works; throttling and
/// outages are transient.
/// </summary>
public sealed class TeamsMessenger(
    TeamsConnectorClient connector,
    TeamsAddressBook addresses,
    DeliveredMessages delivered,
    ILogger<TeamsMessenger> logger) : IChatMessenger
{
    public Platform Platform => Platform.Teams;

    public Task<MessageReceipt> SendAsync(PersonRef to, ChatNotice notice, CancellationToken ct) => SendCoreAsync(to, notice, ct);

    /// <summary>
    /// As <see cref="SendAsync(PersonRef, ChatNotice, CancellationToken)"/>. The key is not put on the message:
    /// nothing could read it back (see the class summary).
    /// </summary>
    public Task<MessageReceipt> SendAsync(PersonRef to, ChatNotice notice, string deliveryKey, CancellationToken ct) => SendCoreAsync(to, notice, ct);

    /// <summary>Always null: Teams cannot be asked what a chat holds (see the class summary).</summary>
    public Task<MessageReceipt?> FindSentAsync(PersonRef to, string deliveryKey, DateTimeOffset since, CancellationToken ct) =>
        Task.FromResult<MessageReceipt?>(null);

    /// <summary>The card for <paramref name="notice"/>, naming people by their stored display names.</summary>
    public async Task<JsonObject> RenderAsync(ChatNotice notice, CancellationToken ct)
    {
        var names = new Dictionary<PersonRef, string>();
        foreach (var person in NoticeCards.PeopleIn(notice).Where(p => p.Platform == Platform.Teams))
        {
            if ((await addresses.GetAsync(person, ct))?.Name is { Length: > 0 } name)
            {
                names[person] = name;
            }
        }

        return notice.RenderWith(new NoticeCards(names));
    }

    /// <summary>The message activity that carries a card; <c>summary</c> (the notification preview) is the card's own fixed words.</summary>
    public static Activity CardActivity(JsonObject card) => new()
    {
        Type = ActivityTypes.Message,
        Summary = card["fallbackText"]?.GetValue<string>(),
        Attachments = [new Attachment(ActivityTypes.AdaptiveCardContentType, card)],
    };

    private async Task<MessageReceipt> SendCoreAsync(PersonRef to, ChatNotice notice, CancellationToken ct)
    {
        var receipt = await SendCardAsync(to, await RenderAsync(notice, ct), ct);
        if (notice is FeedbackReceivedNotice received)
        {
            // A reaction on this message is a thank-you; Teams names only the message it was on.
            await delivered.RememberAsync(to, receipt.MessageId, received.FeedbackId, ct);
        }

        return receipt;
    }

    /// <summary>
    /// Posts <paramref name="card"/> into <paramref name="to"/>'s 1:1 with the bot (created when only the <c>29:</c>
    /// id is known). For what is not a Core notice: replies that must stay private, thanks, follow-up questions.
    /// </summary>
    /// <exception cref="ChatDeliveryException">Teams refused or could not be reached.</exception>
    public async Task<MessageReceipt> SendCardAsync(PersonRef to, JsonObject card, CancellationToken ct)
    {
        if (to.Platform != Platform.Teams)
        {
            throw new ChatDeliveryException("Not a Teams person.", permanent: true);
        }

        var address = await addresses.GetUsableAsync(to, ct)
            ?? throw new ChatDeliveryException("FeedbackBot has not met this person in Teams yet (they need to install it or be in a chat or team with it)", permanent: true);
        var activity = CardActivity(card);
        try
        {
            var conversation = address.ConversationId;
            if (conversation is null)
            {
                conversation = await connector.CreatePersonalConversationAsync(address.ServiceUrl, address.UserId, address.TenantId, ct);
                var created = conversation;
                await addresses.UpdateAsync(to, a => (a ?? address) with { ConversationId = created }, ct);
            }

            var id = await connector.SendAsync(address.ServiceUrl, conversation, activity, ct);
            return new MessageReceipt(conversation, id);
        }
        catch (ConnectorException ex)
        {
            if (ex.Status == 404)
            {
                await addresses.ForgetConversationAsync(to, ct);
            }

            logger.LogInformation(ex, "Teams send to {Person} failed ({Status} {Code})", to, ex.Status, ex.Code);
            throw new ChatDeliveryException(Describe(ex), permanent: !ex.Transient, ex, maybeSent: ex.MaybeApplied);
        }
    }

    /// <summary>Plain words for a connector failure, shown to the giver in <see cref="FeedbackNotDeliveredNotice"/>.</summary>
    public static string Describe(ConnectorException ex) => ex.Status switch
    {
        403 => "they blocked or uninstalled FeedbackBot in Teams",
        404 => "Teams no longer knows the chat with this person",
        413 => "Teams refused the message as too large",
        429 => "Teams is rate limiting us",
        null when ex.Transient => "Teams did not answer in time",
        null => "FeedbackBot may not send to this Teams address",
        _ when ex.MaybeApplied => "Teams had a problem while posting it",
        _ => $"Teams answered {ex.Status}",
    };
}
