using FeedbackBot.Slack.Inbound;

namespace FeedbackBot.Slack.Requests;

/// <summary>Prompt button after reacting to your own message: the request modal about that message.</summary>
public sealed class ReactionRequestAction(RequestModalOpener opener) : IBlockActionHandler
{
    public const string ActionId = "reaction_request";

    public ValueTask<SlackAck> AckAsync(Interaction interaction, BlockAction action, CancellationToken ct) =>
        ValueTask.FromResult(ReactedMessage.Decode(action.Value) is { } message ? SlackAck.Ok.ThenRun(message) : SlackAck.Ok);

    public Task RunAsync(Interaction interaction, BlockAction action, object? state, CancellationToken ct)
    {
        if (state is not MessageRef message)
        {
            return Task.CompletedTask;
        }

        var draft = RequestDraft.Empty with { Source = message.ToSource(interaction.TeamId, interaction.TeamDomain), About = message };
        return opener.OpenAsync(SlackRequester.Of(interaction), interaction.TriggerId, draft, ct);
    }
}
