using System.Text.Json.Nodes;
using FeedbackBot.Core.Ports;
using FeedbackBot.Slack.Api;
using FeedbackBot.Slack.Blocks;
using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Text;

namespace FeedbackBot.Slack.Delivery;

/// <summary>
/// "Thank them" on a delivered feedback: tells the giver, once. Works for anonymous feedback too: the giver
/// learns who thanked them, the recipient still never learns who wrote it.
/// </summary>
public sealed class ThankAction(IFeedbackStore store, IOnceStore once, SlackApiClient api, PrivateReply reply) : IBlockActionHandler
{
    public const string ActionId = "feedback_thank";

    public ValueTask<SlackAck> AckAsync(Interaction interaction, BlockAction action, CancellationToken ct) =>
        ValueTask.FromResult(SlackAck.Ok.ThenRun());

    public async Task RunAsync(Interaction interaction, BlockAction action, object? state, CancellationToken ct)
    {
        var who = SlackRequester.Of(interaction);
        var item = action.Value is null ? null : await store.GetAsync(action.Value, ct);
        if (item is null || item.Recipient != interaction.Person)
        {
            await reply.TellAsync(who, "I can't find that feedback any more.", ct);
            return;
        }

        // Double clicks and replays of the click must not thank twice.
        if (!await once.TryClaimAsync($"slack:thank:{item.Id}", TimeSpan.FromDays(30), ct))
        {
            await reply.TellAsync(who, "You already thanked them.", ct);
            return;
        }

        var text = $":pray: {Mrkdwn.Mention(item.Recipient.UserId)} thanked you for your feedback:\n{Mrkdwn.Quote(Mrkdwn.Safe(item.Content.PlainText, 300))}";
        await api.SendDmAsync(item.Giver.WorkspaceId, item.Giver.UserId, text, new JsonArray(Bk.Section(text)), ct);
        await reply.TellAsync(who, ":white_check_mark: Thanks sent.", ct);
    }
}
