using System.Threading.Channels;
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
/// Finishes every journalled give whose outcome the giver has not heard (<see cref="GiveJournal"/>): at start-up
/// (storage is started before hosted services; this waits for the app to be up) the gives this host was killed
/// before telling, and while running the gives storage could not confirm (<see cref="SaveUnconfirmedException"/>:
/// the giver read "couldn't confirm… I'll tell you"). Each is finished once per its Slack identifier (found if it
/// landed, otherwise given again) and told; while storage still cannot answer it is tried again later (from
/// <see cref="FirstRecheck"/>, doubling up to <see cref="LastRecheck"/>), and its file stays for the next start
/// until then. Logs carry the once key, never the feedback text.
/// </summary>
public sealed class GiveJournalReplay(GiveJournal journal, IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, TimeProvider time, ILogger<GiveJournalReplay> logger)
    : BackgroundService
{
    /// <summary>What the giver hears when the replayed give is stored (or had landed before the kill).</summary>
    public const string SavedAfterRestartText = ":white_check_mark: Saved after a restart: your feedback is on its way.";

    /// <summary>What the giver hears when the replayed give could not be stored.</summary>
    public const string NotSavedText = ":warning: I couldn't save your feedback after a restart, so nothing was sent. Please send it again.";

    /// <summary>What the giver told "couldn't confirm" hears when storage answers and the give is stored (or had landed).</summary>
    public const string SavedAfterAllText = ":white_check_mark: Saved after all: your feedback is on its way.";

    /// <summary>What the giver told "couldn't confirm" hears when storage answers and the give cannot be stored.</summary>
    public const string NotSavedAfterAllText = ":warning: I couldn't save your feedback after all, so nothing was sent. Please send it again.";

    /// <summary>How long after "couldn't confirm" storage is asked again.</summary>
    public static readonly TimeSpan FirstRecheck = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between two tries while storage still cannot answer.</summary>
    public static readonly TimeSpan LastRecheck = TimeSpan.FromMinutes(5);

    private readonly Channel<Pending> _pending = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>
    /// A give storage could not confirm: journalled (unless <paramref name="file"/> already holds it) before this
    /// returns, then finished and told once storage answers.
    /// </summary>
    public async Task RecheckAsync(GiveJournalEntry entry, string? file)
    {
        file ??= await journal.WriteAsync(entry);
        if (file is null)
        {
            // The disk refused (logged by the journal): keep it in memory at least, so a running host still tells.
            logger.LogWarning("Unconfirmed give {OnceKind}:{OnceId} is rechecked from memory only", entry.OnceKind, entry.OnceId);
        }

        _pending.Writer.TryWrite(new Pending(file, entry, AfterRestart: false, time.GetUtcNow() + FirstRecheck, FirstRecheck));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(started.SetResult))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        foreach (var (file, entry) in journal.ReadAll())
        {
            _pending.Writer.TryWrite(new Pending(file, entry, AfterRestart: true, time.GetUtcNow(), FirstRecheck));
        }

        // One at a time, in arrival order. A give re-queued after a failed try waits out its back-off, and those queued
        // behind it wait with it (at most LastRecheck): while storage cannot answer they would fail too.
        await foreach (var pending in _pending.Reader.ReadAllAsync(stoppingToken))
        {
            var wait = pending.Due - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, stoppingToken);
            }

            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<GiveReplayer>().ReplayAsync(pending.Entry, pending.AfterRestart, stoppingToken);
                journal.Remove(pending.File);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Storage still cannot say: the file stays (a restart finds it) and this host tries again later.
                var next = pending.Backoff * 2 < LastRecheck ? pending.Backoff * 2 : LastRecheck;
                logger.LogWarning(ex, "Finishing journalled give {OnceKind}:{OnceId} failed; trying again in {Delay}",
                    pending.Entry.OnceKind, pending.Entry.OnceId, pending.Backoff);
                _pending.Writer.TryWrite(pending with { Due = time.GetUtcNow() + pending.Backoff, Backoff = next });
            }
        }
    }

    private sealed record Pending(string? File, GiveJournalEntry Entry, bool AfterRestart, DateTimeOffset Due, TimeSpan Backoff);
}

/// <summary>One journalled give, finished: found if it landed before the kill, otherwise given again, and told.</summary>
public sealed class GiveReplayer(GiveRunner runner, ActOnce actOnce, IFeedbackStore feedback, PrivateReply reply, TimeProvider time, ILogger<GiveReplayer> logger)
{
    /// <summary>
    /// Gives the entry again (never twice) and tells the giver; true when the feedback is stored. Throws, telling
    /// nobody, while storage cannot answer (the caller tries again later). <paramref name="afterRestart"/> picks the
    /// wording: a host killed before telling, or a save storage could not confirm.
    /// </summary>
    public async Task<bool> ReplayAsync(GiveJournalEntry entry, bool afterRestart, CancellationToken ct)
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

        if (outcome.Failure is SaveUnconfirmedException unconfirmed)
        {
            // Still cannot say: the giver already heard "couldn't confirm"; tell them when there is an answer.
            throw unconfirmed;
        }

        var text = landed || outcome.Succeeded ? (afterRestart ? GiveJournalReplay.SavedAfterRestartText : GiveJournalReplay.SavedAfterAllText)
            : outcome.Failure is not null ? (afterRestart ? GiveJournalReplay.NotSavedText : GiveJournalReplay.NotSavedAfterAllText)
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
