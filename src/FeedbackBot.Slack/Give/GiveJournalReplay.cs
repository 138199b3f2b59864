using FeedbackBot.Core;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Ports;
using FeedbackBot.Slack.Api;
using FeedbackBot.Slack.Inbound;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Slack.Give;

/// <summary>
/// At start-up (storage is started before hosted services; this waits for the app to be up), finishes every give
/// this host journalled and was killed before telling (<see cref="GiveJournal"/>): the same give again, once per
/// its Slack identifier, the outcome told to the giver, then the file goes. Logs carry the once key, never the
/// feedback text.
/// </summary>
public sealed class GiveJournalReplay(GiveJournal journal, IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, ILogger<GiveJournalReplay> logger)
    : BackgroundService
{
    /// <summary>What the giver hears when the replayed give is stored (or had landed before the kill).</summary>
    public const string SavedAfterRestartText = ":white_check_mark: Saved after a restart: your feedback is on its way.";

    /// <summary>What the giver hears when the replayed give could not be stored.</summary>
    public const string NotSavedText = ":warning: I couldn't save your feedback after a restart, so nothing was sent. Please send it again.";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(started.SetResult))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        foreach (var (file, entry) in journal.ReadAll())
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<GiveReplayer>().ReplayAsync(entry, stoppingToken);
                journal.Remove(file);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Kept: the next start tries again.
                logger.LogError(ex, "Replaying journalled give {OnceKind}:{OnceId} failed", entry.OnceKind, entry.OnceId);
            }
        }
    }
}

/// <summary>One journalled give, finished: found if it landed before the kill, otherwise given again, and told.</summary>
public sealed class GiveReplayer(GiveRunner runner, ActOnce actOnce, IFeedbackStore feedback, PrivateReply reply, TimeProvider time, ILogger<GiveReplayer> logger)
{
    /// <summary>Gives the entry again (never twice) and tells the giver; true when the feedback is stored.</summary>
    public async Task<bool> ReplayAsync(GiveJournalEntry entry, CancellationToken ct)
    {
        var outcome = await runner.GiveAsync(entry.Command, entry.Once, ct);
        var landed = false;
        if (outcome.Duplicate)
        {
            // The killed attempt took the claim. Its save either landed (the giver's sent index has it) or never
            // happened (the claim is stale: give it back and give again). A save in flight at the kill has been
            // applied or dropped by the store by now: a restart takes seconds.
            landed = await LandedAsync(entry, ct);
            if (!landed)
            {
                await actOnce.ReleaseAsync(entry.OnceKind, entry.OnceId);
                outcome = await runner.GiveAsync(entry.Command, entry.Once, ct);
            }
        }

        var text = landed || outcome.Succeeded ? GiveJournalReplay.SavedAfterRestartText
            : outcome.Failure is not null and not SaveUnconfirmedException ? GiveJournalReplay.NotSavedText
            : GiveText.Describe(outcome, entry.Command.Recipients);
        logger.LogInformation("Replayed journalled give {OnceKind}:{OnceId}: {Result}", entry.OnceKind, entry.OnceId,
            landed ? "had landed before the restart" : outcome.Succeeded ? "saved" : outcome.Failure?.GetType().Name ?? "refused");

        // Slack accepts posts to a response_url for 30 minutes; past that the client's DM fallback is the only way.
        var to = time.GetUtcNow() - entry.StartedAt > ResponseUrlClient.Lifetime ? entry.TellTo with { ResponseUrl = null } : entry.TellTo;
        await reply.TellAsync(to, text, ct);
        return landed || outcome.Succeeded;
    }

    // The giver's sent items since the give started with the same text and recipients: what the killed attempt stored.
    private async Task<bool> LandedAsync(GiveJournalEntry entry, CancellationToken ct)
    {
        var sent = await feedback.ListSentAsync(entry.Command.Giver, 100, ct, since: entry.StartedAt - TimeSpan.FromSeconds(1));
        var recipients = entry.Command.Recipients.Distinct().ToHashSet();
        var text = entry.Command.Content.PlainText;
        return sent.Any(i => recipients.Contains(i.Recipient) && i.Content.PlainText == text);
    }
}
