using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Views;

namespace FeedbackBot.Slack.Delivery;

/// <summary>"Ask a follow-up": a small modal whose question is relayed to the giver (who stays anonymous if they were).</summary>
public sealed class FollowUpAction(ModalOpener modals) : IBlockActionHandler
{
    public const string ActionId = "feedback_followup";

    public ValueTask<SlackAck> AckAsync(Interaction interaction, BlockAction action, CancellationToken ct) =>
        ValueTask.FromResult(action.Value is { Length: > 0 and <= Core.Ids.MaxLength } feedbackId ? SlackAck.Ok.ThenRun(feedbackId) : SlackAck.Ok);

    public Task RunAsync(Interaction interaction, BlockAction action, object? state, CancellationToken ct) =>
        state is string feedbackId
            ? modals.OpenAsync(SlackRequester.Of(interaction), interaction.TriggerId, FollowUpSubmission.Modal(feedbackId), ct)
            : Task.CompletedTask;
}
