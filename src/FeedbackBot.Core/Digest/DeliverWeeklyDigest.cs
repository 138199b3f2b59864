using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.Nudges;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Core.Digest;

/// <summary>How a digest delivery ended.</summary>
public enum DigestOutcome
{
    Sent,
    /// <summary>This person's digest for this week was already sent, is being sent, or was skipped.</summary>
    AlreadyDone,
    /// <summary>The person turned the digest off.</summary>
    OptedOut,
    /// <summary>Nothing to report and the short variant is off.</summary>
    NothingToSay,
    /// <summary>The platform refused for good.</summary>
    NotReached,
}

/// <summary>
/// Sends one person's digest for one ISO week, at most once, and never loses it to a crash:
/// <list type="number">
/// <item>the week's once-key is claimed only for <see cref="DigestOptions.SendClaim"/> while the digest is built and sent, and
/// kept for <see cref="ClaimTtl"/> once it went out (or was skipped for good): a rerun, a retry or two schedulers
/// queueing the same person never send twice, and a host that dies mid-run leaves the key to expire, so the job's
/// rerun on another host (Hangfire hands a job of a dead server out again after <c>Jobs:InvisibilityTimeout</c>,
/// longer than the claim) sends it;</item>
/// <item>the message carries the week's delivery key, and a run that finds an earlier attempt started
/// (<see cref="StartedKey"/>) first asks the platform whether that message arrived (as feedback deliveries do),
/// so a host killed between Slack's answer and the keep does not cost the person a second digest.</item>
/// </list>
/// Remaining window: two runs of the same week overlapping for longer than the claim (a send stuck in
/// Slack's rate limits past it while a second copy of the job starts) can both send; the second copy only exists
/// after a crash (a schedule lease or a job handed out again), so this needs a crash and a very slow send at once.
/// </summary>
public sealed class DeliverWeeklyDigest(
    PersonClock clock,
    IOnceStore once,
    WeeklyReminderPlanner planner,
    BuildWeeklyDigest builder,
    ChatMessengers messengers,
    IOptions<DigestOptions> options,
    TimeProvider time,
    ILogger<DeliverWeeklyDigest> logger)
{
    /// <summary>Outlives the week it names, and any late retry in it.</summary>
    internal static readonly TimeSpan ClaimTtl = TimeSpan.FromDays(21);

    /// <summary>How far back a rerun looks in the person's DM for a digest an earlier attempt sent.</summary>
    private static readonly TimeSpan LookBack = TimeSpan.FromDays(7);

    /// <summary>The once-key of <paramref name="person"/>'s digest in <paramref name="weekKey"/> (<c>2025-W11</c>).</summary>
    public static string OnceKey(PersonRef person, string weekKey) => $"digest:{person.Key}:{weekKey}";

    /// <summary>Claimed when a send of the week's digest starts; a run that cannot claim it checks the platform first.</summary>
    public static string StartedKey(PersonRef person, string weekKey) => $"digest-sending:{person.Key}:{weekKey}";

    /// <summary>The invisible marker the week's digest message carries (see <see cref="IChatMessenger.FindSentAsync"/>).</summary>
    public static string DeliveryKey(PersonRef person, string weekKey) => $"digest:{person.Key}:{weekKey}";

    public async Task<DigestOutcome> RunAsync(PersonRef person, string weekKey, CancellationToken ct)
    {
        var context = await clock.LoadAsync(person, ct);
        if (!planner.Effective(context.Preferences).Enabled)
        {
            return DigestOutcome.OptedOut;
        }

        // Kept once it went out or was skipped for good; a transient failure or storage trouble gives the week back,
        // so the job's retry can send (nothing reached them).
        var (ran, outcome) = await once.RunOnceAsync(OnceKey(person, weekKey), options.Value.SendClaim, ClaimTtl,
            ct => SendOrSkipAsync(context, weekKey, ct), _ => true, ct, logger);
        if (!ran)
        {
            return DigestOutcome.AlreadyDone;
        }

        if (outcome == DigestOutcome.Sent)
        {
            FeedbackMetrics.DigestSent(person);
        }

        return outcome;
    }

    private async Task<DigestOutcome> SendOrSkipAsync(PersonContext context, string weekKey, CancellationToken ct)
    {
        var person = context.Person;
        try
        {
            return await SendAsync(context, weekKey, ct);
        }
        catch (ChatDeliveryException ex) when (ex.WorkspaceGone)
        {
            // The app was uninstalled while this was queued: nothing to send there, ever. Kept, so no retry comes.
            logger.LogInformation("Weekly digest {Week} for {Person} skipped: the app is no longer installed in that workspace", weekKey, person);
            return DigestOutcome.NotReached;
        }
        catch (ChatDeliveryException ex) when (ex.Permanent)
        {
            logger.LogWarning(ex, "Weekly digest {Week} for {Person} cannot be delivered", weekKey, person);
            return DigestOutcome.NotReached;
        }
    }

    private async Task<DigestOutcome> SendAsync(PersonContext context, string weekKey, CancellationToken ct)
    {
        var person = context.Person;
        if (await builder.BuildAsync(context, weekKey, ct) is not { } notice)
        {
            return DigestOutcome.NothingToSay;
        }

        var deliveryKey = DeliveryKey(person, weekKey);
        if (!await once.TryClaimAsync(StartedKey(person, weekKey), ClaimTtl, ct)
            && await messengers.FindSentAsync(person, deliveryKey, time.GetUtcNow() - LookBack, ct) is not null)
        {
            // An earlier run sent it and died before keeping the week.
            logger.LogInformation("Weekly digest {Week} for {Person} had been sent by an earlier attempt", weekKey, person);
            return DigestOutcome.AlreadyDone;
        }

        await messengers.SendAsync(person, notice, deliveryKey, ct);
        return DigestOutcome.Sent;
    }
}
