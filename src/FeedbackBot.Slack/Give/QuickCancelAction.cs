using System.Text.Json.Nodes;
using FeedbackBot.Slack.Api;
using FeedbackBot.Slack.Inbound;

namespace FeedbackBot.Slack.Give;

/// <summary>"Cancel": drops the draft (nothing was stored) by deleting the review message.</summary>
public sealed class QuickCancelAction(ResponseUrlClient responses) : IBlockActionHandler
{
    public const string ActionId = "quick_cancel";

    public ValueTask<SlackAck> AckAsync(Interaction interaction, BlockAction action, CancellationToken ct) =>
        ValueTask.FromResult(SlackAck.Ok.ThenRun());

    public Task RunAsync(Interaction interaction, BlockAction action, object? state, CancellationToken ct) =>
        responses.PostAsync(interaction.ResponseUrl, new JsonObject { ["delete_original"] = true }, ct);
}
