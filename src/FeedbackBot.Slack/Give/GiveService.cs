using FeedbackBot.Core;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.People;
using FeedbackBot.Slack.Background;
using FeedbackBot.Core.Digest;
using FeedbackBot.Slack.Inbound;

namespace FeedbackBot.Slack.Give;

/// <summary>
/// The honest give for handlers: the ack starts Core's give (in its own scope, off the request thread) and waits
/// for it only as long as Slack's ack allows. Usually the give finishes in milliseconds and the ack says the
/// outcome; when Slack's users.info or the store is slow, the give is journalled on this host's disk
/// (<see cref="GiveJournal"/>) before the ack says "saving…", and the handler's RunAsync reports the outcome when it
/// comes (<see cref="FinishAsync"/>), then drops the journal file. A kill in between leaves the file, and the next
/// start finishes the give (<see cref="GiveJournalReplay"/>). Either way RunAsync keeps the giver's digest planned
/// after a give that went out.
/// </summary>
public sealed class GiveService(SlackBackgroundQueue queue, ReminderTouch reminders, GiveJournal journal, GiveJournalReplay replay, AckDeadline deadline, TimeProvider time)
{
    /// <summary>What the person hears while a give is still being saved after the ack budget: nothing is promised yet.</summary>
    public const string StillSavingText = ":hourglass_flowing_sand: Saving your feedback… I'll confirm here in a moment whether it went out.";

    /// <summary>
    /// Starts the give and waits for it at most what is left of the request's <see cref="SlackTimings.AckBudget"/>
    /// (<see cref="AckDeadline"/>: counted from the request's arrival, so it runs out before the dispatcher's own
    /// deadline); when that runs out, journals it (with <paramref name="tellLate"/>, who hears the late outcome) before returning, so before Slack's ack.
    /// </summary>
    public async Task<StartedGive> StartAsync(GiveFeedbackCommand command, OnceKey once, SlackRequester tellLate)
    {
        var entry = new GiveJournalEntry(command, once.Kind, once.Id, tellLate, time.GetUtcNow());
        var give = await queue.RunWithinAsync<GiveRunner, GiveOutcome>((runner, ct) => runner.GiveAsync(command, once, ct), deadline);
        var file = give.Late ? await journal.WriteAsync(entry) : null;
        if (give.InTime is { Failure: SaveUnconfirmedException })
        {
            // The ack says "couldn't confirm… I'll tell you": journalled before it goes, told when storage answers.
            await replay.RecheckAsync(entry, null);
        }

        return new StartedGive(give, entry, file);
    }

    /// <summary>
    /// For RunAsync: waits for the give; when the ack went out without its outcome, hands it to
    /// <paramref name="tellLate"/> and then drops its journal file; after a give that went out, keeps the giver's
    /// digest planned (a give is contact).
    /// </summary>
    public async Task FinishAsync(StartedGive give, PersonRef giver, Func<GiveOutcome, Task> tellLate, CancellationToken ct)
    {
        var outcome = await give.Running;
        if (give.Budgeted.Late)
        {
            await tellLate(outcome);
            if (outcome.Failure is SaveUnconfirmedException)
            {
                // Told "couldn't confirm": the file stays until storage answers and the giver hears how it went.
                await replay.RecheckAsync(give.Entry, give.JournalFile);
            }
            else
            {
                // Only once told: a kill before this line replays the give at the next start (found, not doubled).
                journal.Remove(give.JournalFile);
            }
        }

        if (outcome.Succeeded)
        {
            await reminders.TouchAsync(giver, ct);
        }
    }
}

/// <summary>A give started within the ack budget, and its journal file when the ack went out without its outcome.</summary>
public sealed record StartedGive(Budgeted<GiveOutcome> Budgeted, GiveJournalEntry Entry, string? JournalFile)
{
    /// <summary>The outcome when it came within the ack budget.</summary>
    public GiveOutcome? InTime => Budgeted.InTime;

    /// <summary>The give, finished or not.</summary>
    public Task<GiveOutcome> Running => Budgeted.Running;
}
