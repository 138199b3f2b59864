using System.Text.Json.Nodes;
using FeedbackBot.Core.Ports;
using FeedbackBot.Slack.Api;
using FeedbackBot.Slack.Blocks;
using FeedbackBot.Slack.Give;
using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Slack.Requests;

/// <summary>
/// reaction_added with the configured emoji (<c>Slack:RequestEmoji</c>). On your own message: a DM offering the
/// request modal. On someone else's: a DM offering to give them feedback. Runs after the ack; the endpoint
/// already made Slack's retries of the same event_id a no-op. Reactions by bots, on bot messages and on
/// webhook messages (no item_user) are ignored.
/// </summary>
public sealed class ReactionAdded(
    IOptions<SlackOptions> options,
    IPeopleDirectory people,
    SlackApiClient api,
    ThreadReader reader,
    ILogger<ReactionAdded> logger) : ISlackEventHandler
{
    public const string EventType = "reaction_added";

    public async Task HandleAsync(SlackEvent slackEvent, CancellationToken ct)
    {
        var evt = slackEvent.Event;
        var reaction = evt.Reaction;
        // Skin tones arrive as "thumbsup::skin-tone-2"; any tone of the emoji counts.
        var emoji = reaction?.Split("::")[0];
        var item = evt.Item;
        var author = evt.ItemUser;
        var reactor = slackEvent.UserId;
        if (emoji is null || !string.Equals(emoji, options.Value.RequestEmoji.Trim(':'), StringComparison.Ordinal)
            || item?.Type != "message"
            || item.Channel is not { } channel || item.Ts is not { } ts
            || !Mrkdwn.IsUserId(author) || !Mrkdwn.IsUserId(reactor))
        {
            return;
        }

        var team = slackEvent.TeamId;
        var reactorProfile = await people.GetProfileAsync(SlackIds.Person(team, reactor!), ct);
        var authorProfile = reactor == author ? reactorProfile : await people.GetProfileAsync(SlackIds.Person(team, author!), ct);
        if (reactorProfile is not { IsBot: false, IsDeleted: false } || authorProfile is not { IsBot: false, IsDeleted: false })
        {
            return;
        }

        string? url = null;
        try
        {
            // The event carries no team domain to build the link from; chat.getPermalink needs no extra scope.
            url = Interaction.Str((await api.CallAsync(team, "chat.getPermalink", new JsonObject { ["channel"] = channel, ["message_ts"] = ts }, ct))["permalink"]);
        }
        catch (SlackApiException ex)
        {
            logger.LogInformation("No permalink for {Channel}/{Ts}: {Error}", channel, ts, ex.Error);
        }

        var excerpt = await reader.MessageTextAsync(team, channel, ts, ct);
        if (MessageRef.Create(channel, ts, null, author, excerpt) is not { } message)
        {
            return;
        }

        var quote = excerpt is { Length: > 0 } ? "\n" + Mrkdwn.Quote(Mrkdwn.Safe(excerpt, 300)) : "";
        var link = url is null ? "this message" : GiveModal.Link(url, "this message");
        var (text, button) = reactor == author
            ? ($":{Mrkdwn.Escape(emoji)}: You marked {link}. Ask your teammates for feedback on it?",
               Bk.Button("Ask for feedback", ReactionRequestAction.ActionId, ReactedMessage.Encode(message), "primary"))
            : ($":{Mrkdwn.Escape(emoji)}: Give {Mrkdwn.Mention(author!)} feedback on {link}?",
               Bk.Button("Give feedback", ReactionGiveAction.ActionId, ReactedMessage.Encode(message), "primary"));
        await api.SendDmAsync(team, reactor!, text, new JsonArray(Bk.Section(text + quote), Bk.Actions("reaction_prompt", button)), ct);
    }
}
