using FeedbackBot.Slack.Give;
using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Views;

namespace FeedbackBot.Slack.Requests;

/// <summary>
/// "Give feedback" on an ask: the Give modal with the requester picked and the request id in private_metadata,
/// so the stored item carries RequestId and Core's delivery job records the answer. The pending check is a
/// store read, fast enough to do before views.open.
/// </summary>
public sealed class RequestGiveAction(ClickedRequest clicked, ModalOpener modals) : IBlockActionHandler
{
    public const string ActionId = "request_give";

    public ValueTask<SlackAck> AckAsync(Interaction interaction, BlockAction action, CancellationToken ct) =>
        ValueTask.FromResult(SlackAck.Ok.ThenRun());

    public async Task RunAsync(Interaction interaction, BlockAction action, object? state, CancellationToken ct)
    {
        if (await clicked.FindAsync(interaction, action, ct) is not { } request)
        {
            return;
        }

        var draft = GiveDraft.Empty with
        {
            Recipients = [request.Requester.UserId],
            Source = request.Source,
            RequestId = request.Id,
        };
        await modals.OpenAsync(SlackRequester.Of(interaction), interaction.TriggerId, GiveModal.Build(draft), ct);
    }
}
