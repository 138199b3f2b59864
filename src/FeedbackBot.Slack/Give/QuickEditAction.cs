using System.Text.Json.Nodes;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Slack.Api;
using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Views;

namespace FeedbackBot.Slack.Give;

/// <summary>"Edit": opens the Give modal prefilled with the draft, then removes the review message.</summary>
public sealed class QuickEditAction(ModalOpener modals, ResponseUrlClient responses) : IBlockActionHandler
{
    public const string ActionId = "quick_edit";

    public ValueTask<SlackAck> AckAsync(Interaction interaction, BlockAction action, CancellationToken ct) =>
        ValueTask.FromResult(QuickDraft.Decode(action.Value) is { } draft ? SlackAck.Ok.ThenRun(draft) : SlackAck.Ok);

    public async Task RunAsync(Interaction interaction, BlockAction action, object? state, CancellationToken ct)
    {
        if (state is not QuickDraft draft)
        {
            return;
        }

        var modal = GiveModal.Build(GiveDraft.Empty with
        {
            Recipients = draft.Recipients,
            Kind = draft.Kind,
            Parts = new Dictionary<string, string> { [TemplateParts.Text] = draft.Text },
        });
        if (await modals.OpenAsync(SlackRequester.Of(interaction), interaction.TriggerId, modal, ct) is not null)
        {
            await responses.PostAsync(interaction.ResponseUrl, new JsonObject { ["delete_original"] = true }, ct);
        }
    }
}
