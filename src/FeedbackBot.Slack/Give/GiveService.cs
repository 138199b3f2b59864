using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.People;
using FeedbackBot.Slack.Background;
using FeedbackBot.Core.Digest;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Slack.Give;

/// <summary>
/// The honest give for handlers: the ack starts Core's give (in its own scope, off the request thread) and waits
/// for it only as long as Slack's ack allows. Usually the give finishes in milliseconds and the ack says the
/// outcome; when Slack's users.info or the store is slow, the ack says "saving…" and the handler's RunAsync
/// reports the outcome when it comes (<see cref="FinishAsync"/>). Either way RunAsync keeps the giver's digest
/// planned after a give that went out.
/// </summary>
public sealed class GiveService(SlackBackgroundQueue queue, ReminderTouch reminders, IOptions<SlackTimings> timings)
{
    /// <summary>What the person hears while a give is still being saved after the ack budget: nothing is promised yet.</summary>
    public const string StillSavingText = ":hourglass_flowing_sand: Saving your feedback… I'll confirm here in a moment whether it went out.";

    /// <summary>Starts the give and waits for it at most <see cref="SlackTimings.AckBudget"/>.</summary>
    public Task<Budgeted<GiveOutcome>> StartAsync(GiveFeedbackCommand command, OnceKey once) =>
        queue.RunWithinAsync<GiveRunner, GiveOutcome>((runner, ct) => runner.GiveAsync(command, once, ct), timings.Value.AckBudget);

    /// <summary>
    /// For RunAsync: waits for the give; when the ack went out without its outcome, hands it to
    /// <paramref name="tellLate"/>; after a give that went out, keeps the giver's digest planned (a give is contact).
    /// </summary>
    public async Task FinishAsync(Budgeted<GiveOutcome> give, PersonRef giver, Func<GiveOutcome, Task> tellLate, CancellationToken ct)
    {
        var outcome = await give.Running;
        if (give.Late)
        {
            await tellLate(outcome);
        }

        if (outcome.Succeeded)
        {
            await reminders.TouchAsync(giver, ct);
        }
    }
}
