using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Requests;

namespace FeedbackBot.Slack.Home;

/// <summary>Home "Request feedback" button: the empty request modal.</summary>
public sealed class HomeRequestAction(RequestModalOpener opener) : IBlockActionHandler
{
    public const string ActionId = "home_request";

    public ValueTask<SlackAck> AckAsync(Interaction interaction, BlockAction action, CancellationToken ct) =>
        ValueTask.FromResult(SlackAck.Ok.ThenRun());

    public Task RunAsync(Interaction interaction, BlockAction action, object? state, CancellationToken ct) =>
        opener.OpenAsync(SlackRequester.Of(interaction), interaction.TriggerId, RequestDraft.Empty, ct);
}
