using System.Text.Json;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Ports;
using FeedbackBot.Slack.Api;
using FeedbackBot.Slack.Blocks;
using FeedbackBot.Slack.Give;
using FeedbackBot.Slack.Http;
using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Slack.Requests;

/// <summary>
/// The message a reaction was about, carried in a prompt button's value (at most 2000 chars): where it is, who
/// wrote it, and the permalink and excerpt found when the event was handled (no time limit there, unlike a
/// click whose trigger_id lives 3 s).
/// </summary>
public sealed record ReactedMessage(string Channel, string Ts, string Author, string? Url, string? Excerpt)
{
    private const int MaxExcerpt = 300;

    /// <summary>
    /// The link for the modal: chat.getPermalink's when the event handler got one (it knows threads), else built
    /// from the clicking payload's team domain the way the "Feedback on this message" shortcut does.
    /// </summary>
    public SourceLink? Source(string teamId, string? teamDomain) =>
        (Url ?? GiveOnMessageShortcut.Permalink(teamDomain, Channel, new SlackMessage(Ts, null, Author, null))) is { } url
            ? new SourceLink(url, Excerpt, SlackIds.Person(teamId, Author))
            : null;

    public string Encode()
    {
        var value = Json(Excerpt is null ? null : Mrkdwn.Truncate(Excerpt, MaxExcerpt));
        // An excerpt full of characters JSON escapes can outgrow the button; the link alone still works.
        return value.Length <= Bk.MaxButtonValue ? value : Json(null);
    }

    public static ReactedMessage? Decode(string? value)
    {
        try
        {
            return JsonNode.Parse(value ?? "") is JsonObject o
                && Interaction.Str(o["c"]) is { } c && Interaction.Str(o["t"]) is { } t && Interaction.Str(o["a"]) is { } a && Mrkdwn.IsUserId(a)
                ? new ReactedMessage(c, t, a, Interaction.Str(o["u"]), Interaction.Str(o["e"]))
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private string Json(string? excerpt) =>
        new JsonObject { ["c"] = Channel, ["t"] = Ts, ["a"] = Author, ["u"] = Url, ["e"] = excerpt }.ToJsonString();
}

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
        var reaction = Interaction.Str(evt["reaction"]);
        // Skin tones arrive as "thumbsup::skin-tone-2"; any tone of the emoji counts.
        var emoji = reaction?.Split("::")[0];
        var item = evt["item"] as JsonObject;
        var author = Interaction.Str(evt["item_user"]);
        var reactor = slackEvent.UserId;
        if (emoji is null || !string.Equals(emoji, options.Value.RequestEmoji.Trim(':'), StringComparison.Ordinal)
            || Interaction.Str(item?["type"]) != "message"
            || Interaction.Str(item?["channel"]) is not { } channel || Interaction.Str(item?["ts"]) is not { } ts
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
        var message = new ReactedMessage(channel, ts, author!, url, excerpt);
        var quote = excerpt is { Length: > 0 } ? "\n" + Mrkdwn.Quote(Mrkdwn.Safe(excerpt, 300)) : "";
        var link = url is null ? "this message" : GiveModal.Link(url, "this message");
        var (text, button) = reactor == author
            ? ($":{Mrkdwn.Escape(emoji)}: You marked {link}. Ask your teammates for feedback on it?",
               Bk.Button("Ask for feedback", ReactionRequestAction.ActionId, message.Encode(), "primary"))
            : ($":{Mrkdwn.Escape(emoji)}: Give {Mrkdwn.Mention(author!)} feedback on {link}?",
               Bk.Button("Give feedback", ReactionGiveAction.ActionId, message.Encode(), "primary"));
        await api.SendDmAsync(team, reactor!, text, new JsonArray(Bk.Section(text + quote), Bk.Actions("reaction_prompt", button)), ct);
    }
}

/// <summary>Prompt button after reacting to your own message: the request modal about that message.</summary>
public sealed class ReactionRequestAction(RequestModalOpener opener) : IBlockActionHandler
{
    public const string ActionId = "reaction_request";

    public Task<IResult> HandleAsync(Interaction interaction, BlockAction action, CancellationToken ct)
    {
        if (ReactedMessage.Decode(action.Value) is { } message)
        {
            _ = opener.Open(interaction.Person, interaction.TriggerId, RequestDraft.Empty with { Source = message.Source(interaction.TeamId, interaction.TeamDomain) }, interaction.ResponseUrl);
        }

        return Task.FromResult(SlackReplies.Ack());
    }
}

/// <summary>Prompt button after reacting to someone else's message: the Give modal with the author and the link.</summary>
public sealed class ReactionGiveAction(ModalOpener modals) : IBlockActionHandler
{
    public const string ActionId = "reaction_give";

    public Task<IResult> HandleAsync(Interaction interaction, BlockAction action, CancellationToken ct)
    {
        if (ReactedMessage.Decode(action.Value) is { } message)
        {
            var draft = GiveDraft.Empty with
            {
                Recipients = message.Author == interaction.UserId ? [] : [message.Author],
                Source = message.Source(interaction.TeamId, interaction.TeamDomain),
            };
            _ = modals.Open(interaction.TeamId, interaction.TriggerId, GiveModal.Build(draft), interaction.ResponseUrl);
        }

        return Task.FromResult(SlackReplies.Ack());
    }
}
