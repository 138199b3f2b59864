using System.Text.Json.Nodes;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.People;
using FeedbackBot.Slack.Api;
using FeedbackBot.Slack.Background;
using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Slack.Give;

/// <summary>
/// Runs Core's give off the request thread and waits for it only as long as Slack's ack allows. Usually the
/// give finishes in milliseconds and the person sees the result at once; when Slack's users.info is slow the
/// request answers anyway and the outcome follows through the caller's follow-up.
/// </summary>
public sealed class GiveService(SlackBackgroundQueue queue, IOptions<SlackTimings> timings)
{
    /// <summary>
    /// The result when it came within the ack budget, otherwise null (and <paramref name="later"/> gets it).
    /// <paramref name="once"/> names the Slack identifier this give is acted on once for (see <see cref="ActOnce"/>);
    /// its claim is part of the budgeted work, so a stalled store cannot hold the ack past Slack's 3 s.
    /// </summary>
    public Task<GiveOutcome?> GiveWithinBudgetAsync(GiveFeedbackCommand command, OnceKey once, Func<IServiceProvider, GiveOutcome, CancellationToken, Task> later) =>
        queue.RunWithinAsync((sp, ct) => RunGiveAsync(sp, command, once, ct), later, timings.Value.AckBudget);

    /// <summary>
    /// Core's give, acted on once per <paramref name="once"/>. Any failure (storage down, a bug) becomes an outcome
    /// that says "not saved" instead of an exception nobody sees, and gives the claim back so a retry works.
    /// </summary>
    public static async Task<GiveOutcome> RunGiveAsync(IServiceProvider sp, GiveFeedbackCommand command, OnceKey once, CancellationToken ct)
    {
        var actOnce = sp.GetRequiredService<ActOnce>();
        try
        {
            if (!await actOnce.TryClaimAsync(once.Kind, once.Id, ct))
            {
                return GiveOutcome.AlreadyDone;
            }

            var result = await sp.GetRequiredService<GiveFeedback>().GiveAsync(command, ct);
            if (result.Succeeded)
            {
                // A give is contact: keep the giver's weekly digest planned (see ReminderTouch), after the answer.
                sp.GetRequiredService<SlackBackgroundQueue>().Enqueue((later, laterCt) =>
                    later.GetRequiredService<Digest.ReminderTouch>().TouchAsync(command.Giver, laterCt));
            }
            else
            {
                await actOnce.ReleaseAsync(once.Kind, once.Id);
            }

            return new GiveOutcome(result, null);
        }
        catch (Exception ex)
        {
            sp.GetRequiredService<ILogger<GiveService>>().LogError(ex,
                "Give from {Giver} to {Recipients} was not saved", command.Giver, string.Join(",", command.Recipients));
            try
            {
                await actOnce.ReleaseAsync(once.Kind, once.Id);
            }
            catch (Exception releaseError)
            {
                // Storage is down: the claim expires by itself; the person was told to try again.
                sp.GetRequiredService<ILogger<GiveService>>().LogDebug(releaseError, "Could not release {Kind} claim", once.Kind);
            }

            return new GiveOutcome(null, ex);
        }
    }

    /// <summary>What the person hears while a give is still being saved after the ack budget: nothing is promised yet.</summary>
    public const string StillSavingText = ":hourglass_flowing_sand: Saving your feedback… I'll confirm here in a moment whether it went out.";

    /// <summary>The giver-facing sentence for an outcome; user-provided names are escaped.</summary>
    public static string Describe(GiveOutcome outcome, IReadOnlyList<PersonRef> recipients)
    {
        if (outcome.Failure is not null)
        {
            return ":warning: I couldn't save your feedback just now, so nothing was sent. Please try again in a moment.";
        }

        if (outcome.Duplicate)
        {
            return "I already have this one; it goes out once.";
        }

        var result = outcome.Result!;
        if (result.Succeeded)
        {
            var names = string.Join(", ", result.Created.Select(i => Mrkdwn.Mention(i.Recipient.UserId)));
            return $":outbox_tray: Saved. Your feedback to {names} is on its way; I'll let you know when it's delivered.";
        }

        return "I didn't send it:\n" + string.Join("\n", result.Problems.Select(p => "• " + ProblemText(p)));
    }

    /// <summary>A problem sentence; it names the person with a real mention built from their id.</summary>
    public static string ProblemText(GiveProblem problem) =>
        problem.Code is GiveProblemCode.UnknownPerson && problem.Person is { } p
            ? $"I couldn't find {Mrkdwn.Mention(p.UserId)} in this workspace."
            : Mrkdwn.Escape(problem.Message);

    public static JsonObject EphemeralMessage(string escapedText, bool replaceOriginal = false) => new()
    {
        ["response_type"] = "ephemeral",
        ["replace_original"] = replaceOriginal,
        ["text"] = escapedText,
    };
}

/// <summary>
/// What a give ended with: Core's result, the failure that kept it from being saved, or neither when the same
/// command, click or submission had been acted on already (<see cref="Duplicate"/>).
/// </summary>
public sealed record GiveOutcome(GiveFeedbackResult? Result, Exception? Failure)
{
    public static GiveOutcome AlreadyDone { get; } = new(null, null);

    public bool Succeeded => Result is { Succeeded: true };

    public bool Duplicate => Result is null && Failure is null;
}

/// <summary>The Slack identifier a give is acted on once for: a command's trigger_id, a draft's id, a modal's view id.</summary>
public readonly record struct OnceKey(string Kind, string? Id);

/// <summary>
/// Opens a modal right away: trigger_id expires 3 s after Slack issued it, so this bypasses the queue and
/// gives up after <see cref="SlackTimings.ViewsOpenTimeout"/>. The HTTP ack never waits for it.
/// </summary>
public sealed class ModalOpener(SlackBackgroundQueue queue, IOptions<SlackTimings> timings, ILogger<ModalOpener> logger)
{
    /// <summary>
    /// Starts views.open; <paramref name="afterOpen"/> runs once the modal is up, with its id and hash (for a
    /// views.update of what was too slow to load before the trigger_id died). The task is for tests and callers
    /// that may wait.
    /// </summary>
    public Task<bool> Open(string teamId, string? triggerId, JsonObject view, string? responseUrl,
        Func<IServiceProvider, Requests.OpenedView, CancellationToken, Task>? afterOpen = null)
    {
        if (string.IsNullOrEmpty(triggerId))
        {
            return Task.FromResult(false);
        }

        return queue.RunNow(async (sp, stopping) =>
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            cts.CancelAfter(timings.Value.ViewsOpenTimeout);
            JsonObject opened;
            try
            {
                opened = await sp.GetRequiredService<SlackApiClient>().OpenViewAsync(teamId, triggerId, view, cts.Token);
            }
            catch (Exception ex) when (ex is SlackApiException or OperationCanceledException)
            {
                logger.LogWarning(ex, "views.open failed");
                await sp.GetRequiredService<ResponseUrlClient>().PostAsync(responseUrl,
                    GiveService.EphemeralMessage("Slack was too slow to open the form. Please try again."), stopping);
                return false;
            }

            if (afterOpen is not null && opened["view"] is JsonObject up && up["id"]?.GetValue<string>() is { } id)
            {
                await afterOpen(sp, new Requests.OpenedView(id, up["hash"]?.GetValue<string>()), stopping);
            }

            return true;
        });
    }
}
