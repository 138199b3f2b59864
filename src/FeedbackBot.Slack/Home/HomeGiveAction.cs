using FeedbackBot.Core.Ratings;
using Microsoft.Extensions.Options;
using FeedbackBot.Slack.Give;
using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Views;

namespace FeedbackBot.Slack.Home;

/// <summary>Home "Give feedback" button: the empty Give modal.</summary>
public sealed class HomeGiveAction(ModalOpener modals, IOptions<ValuesOptions> values) : IBlockActionHandler
{
    public const string ActionId = "home_give";

    public ValueTask<SlackAck> AckAsync(Interaction interaction, BlockAction action, CancellationToken ct) =>
        ValueTask.FromResult(SlackAck.Ok.ThenRun());

    public Task RunAsync(Interaction interaction, BlockAction action, object? state, CancellationToken ct) =>
        modals.OpenAsync(SlackRequester.Of(interaction), interaction.TriggerId, GiveModal.Build(GiveDraft.Empty, values: values.Value.Effective()), ct);
}
