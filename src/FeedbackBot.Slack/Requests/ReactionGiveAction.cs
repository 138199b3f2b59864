using FeedbackBot.Slack.Give;
using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Views;

namespace FeedbackBot.Slack.Requests;

/// <summary>Prompt button after reacting to someone else's message: the Give modal with the author and the link.</summary>
public sealed class ReactionGiveAction(ModalOpener modals) : IBlockActionHandler
{
    public const string ActionId = "reaction_give";

    public ValueTask<SlackAck> AckAsync(Interaction interaction, BlockAction action, CancellationToken ct) =>
        ValueTask.FromResult(ReactedMessage.Decode(action.Value) is { } message ? SlackAck.Ok.ThenRun(message) : SlackAck.Ok);

    public Task RunAsync(Interaction interaction, BlockAction action, object? state, CancellationToken ct)
    {
        if (state is not MessageRef message)
        {
            return Task.CompletedTask;
        }

        var draft = GiveDraft.Empty with
        {
            Recipients = message.Author == interaction.UserId ? [] : [message.Author!],
            Source = message.ToSource(interaction.TeamId, interaction.TeamDomain),
            About = message,
        };
        return modals.OpenAsync(SlackRequester.Of(interaction), interaction.TriggerId, GiveModal.Build(draft), ct);
    }
}
