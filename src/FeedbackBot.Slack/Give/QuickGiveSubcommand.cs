using FeedbackBot.Core.Feedback;
using FeedbackBot.Slack.Background;
using FeedbackBot.Slack.Coaching;
using FeedbackBot.Slack.Inbound;

namespace FeedbackBot.Slack.Give;

/// <summary>
/// <c>/feedback @a @b text…</c>: Core's checks that need no lookup answer at once; then the coach may ask for a
/// review (buttons); otherwise the give runs within the ack budget (<see cref="GiveService"/>), once per trigger_id,
/// and the ack says its outcome, or "saving…" with the outcome following by response_url from RunAsync.
/// </summary>
public sealed class QuickGiveSubcommand(GiveService give, PrivateReply reply, IDraftCoach? coach = null, GiverLocale? locale = null) : IFeedbackSubcommand
{
    public async ValueTask<SlackAck> AckAsync(SlashCommand command, FeedbackCommandIntent intent, CancellationToken ct)
    {
        var quick = (FeedbackCommandIntent.QuickGive)intent;
        var draft = new QuickDraft(quick.Recipients, quick.Text, FeedbackKind.Praise);
        var giveCommand = QuickGiveMessages.ToCommand(command.Person, draft);
        // Refusals that need no lookup are answered on the spot, before anything is stored.
        if (GiveFeedback.Check(giveCommand) is { Count: > 0 } problems)
        {
            return SlackAck.Ephemeral($"{GiveText.Problems(problems)}\n\n{FeedbackCommandParser.Usage}");
        }

        // Inside the ack budget: the giver's locale only if their profile is already cached (the draft's own
        // language decides anyway when it is clear).
        var advice = coach?.Review(giveCommand.Content, draft.Kind, locale?.Cached(command.Person, draft.Text)) ?? DraftAdvice.None;
        if (advice.HasAdvice)
        {
            return SlackAck.Ephemeral("The coach has a few tips before you send this.", QuickGiveMessages.Review(draft.WithNewId(), advice));
        }

        var started = await give.StartAsync(giveCommand, new OnceKey("command", command.TriggerId), SlackRequester.Of(command));
        var text = started.InTime is { } outcome ? QuickGiveMessages.OutcomeText(outcome, giveCommand) : GiveService.StillSavingText;
        return SlackAck.Ephemeral(text).ThenRun(new Started(started, giveCommand));
    }

    public Task RunAsync(SlashCommand command, FeedbackCommandIntent intent, object? state, CancellationToken ct) =>
        state is Started s
            ? give.FinishAsync(s.Give, command.Person,
                late => reply.TellAsync(SlackRequester.Of(command), QuickGiveMessages.OutcomeText(late, s.Command), ct), ct)
            : Task.CompletedTask;

    private sealed record Started(StartedGive Give, GiveFeedbackCommand Command);
}
