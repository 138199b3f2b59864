using FeedbackBot.Core.Ratings;
using Microsoft.Extensions.Options;
using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Views;

namespace FeedbackBot.Slack.Give;

/// <summary>Global shortcut "Give feedback" (from the ⚡ menu): the empty Give modal.</summary>
public sealed class GiveGlobalShortcut(ModalOpener modals, IOptions<ValuesOptions> values) : IShortcutHandler
{
    public const string CallbackId = "give_feedback_global";

    public ValueTask<SlackAck> AckAsync(Interaction interaction, CancellationToken ct) => ValueTask.FromResult(SlackAck.Ok.ThenRun());

    public Task RunAsync(Interaction interaction, object? state, CancellationToken ct) =>
        modals.OpenAsync(SlackRequester.Of(interaction), interaction.TriggerId, GiveModal.Build(GiveDraft.Empty, values: values.Value.Effective()), ct);
}
