using FeedbackBot.Core.Digest;
using FeedbackBot.Slack.Inbound;

namespace FeedbackBot.Slack.Give;

/// <summary>
/// "Send as is": gives the draft unchanged and replaces the review message with the outcome. Block actions ignore
/// the HTTP body, so the ack is a plain 200 and the give runs in RunAsync; replacing the buttons with the outcome
/// means a second click has nothing left to send, and the draft's one-shot id makes a replay change nothing.
/// </summary>
public sealed class QuickSendAction(GiveRunner runner, PrivateReply reply, ReminderTouch reminders) : IBlockActionHandler
{
    public const string ActionId = "quick_send";

    public ValueTask<SlackAck> AckAsync(Interaction interaction, BlockAction action, CancellationToken ct) =>
        ValueTask.FromResult(SlackAck.Ok.ThenRun());

    public async Task RunAsync(Interaction interaction, BlockAction action, object? state, CancellationToken ct)
    {
        var who = SlackRequester.Of(interaction);
        if (QuickDraft.Decode(action.Value) is not { } draft)
        {
            await reply.TellAsync(who, "That draft can't be read any more. Please write it again.", ct);
            return;
        }

        var command = QuickGiveMessages.ToCommand(interaction.Person, draft);
        var outcome = await runner.GiveAsync(command, new OnceKey("draft", draft.Id ?? action.ActionTs), ct);
        if (outcome.Duplicate)
        {
            return;
        }

        await reply.TellAsync(who, QuickGiveMessages.OutcomeText(outcome, command), ct, replaceOriginal: true);
        if (outcome.Succeeded)
        {
            // A give is contact: keep the giver's weekly digest planned.
            await reminders.TouchAsync(command.Giver, ct);
        }
    }
}
