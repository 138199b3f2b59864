using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Views;

namespace FeedbackBot.Slack.Requests;

/// <summary>"Decline": a small modal with an optional reason; refused at once for anyone not pending on the request.</summary>
public sealed class RequestDeclineAction(ClickedRequest clicked, ModalOpener modals) : IBlockActionHandler
{
    public const string ActionId = "request_decline";

    public ValueTask<SlackAck> AckAsync(Interaction interaction, BlockAction action, CancellationToken ct) =>
        ValueTask.FromResult(SlackAck.Ok.ThenRun());

    public async Task RunAsync(Interaction interaction, BlockAction action, object? state, CancellationToken ct)
    {
        if (await clicked.FindAsync(interaction, action, ct) is { } request)
        {
            await modals.OpenAsync(SlackRequester.Of(interaction), interaction.TriggerId, DeclineSubmission.Modal(request, fromHome: interaction.View?.Type == "home"), ct);
        }
    }
}
