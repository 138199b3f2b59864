using FeedbackBot.Core.Ratings;
using Microsoft.Extensions.Options;
using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Views;

namespace FeedbackBot.Slack.Give;

/// <summary><c>/feedback</c>, <c>/feedback give</c>, <c>/feedback @a @b</c>: the Give modal, with the people named picked.</summary>
public sealed class OpenGiveSubcommand(ModalOpener modals, IOptions<ValuesOptions> values) : IFeedbackSubcommand
{
    public ValueTask<SlackAck> AckAsync(SlashCommand command, FeedbackCommandIntent intent, CancellationToken ct) =>
        ValueTask.FromResult(SlackAck.Ok.ThenRun());

    public Task RunAsync(SlashCommand command, FeedbackCommandIntent intent, object? state, CancellationToken ct)
    {
        var open = (FeedbackCommandIntent.OpenGive)intent;
        var draft = GiveDraft.Empty with { Recipients = open.Recipients.Where(r => r != command.UserId).ToArray() };
        return modals.OpenAsync(SlackRequester.Of(command), command.TriggerId, GiveModal.Build(draft, values: values.Value.Effective()), ct);
    }
}
