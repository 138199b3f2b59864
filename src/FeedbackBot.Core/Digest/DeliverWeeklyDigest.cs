using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.Nudges;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Telemetry;
using Microsoft.Extensions.Logging;

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
/// Sends one person's digest for one ISO week, at most once: the week is claimed in <see cref="IOnceStore"/>
/// first, so a rerun, a retry or two schedulers queueing the same person never send twice.
/// </summary>
public sealed class DeliverWeeklyDigest(
    PersonClock clock,
    IOnceStore once,
    WeeklyReminderPlanner planner,
    BuildWeeklyDigest builder,
    ChatMessengers messengers,
    ILogger<DeliverWeeklyDigest> logger)
{
    /// <summary>Outlives the week it names, and any late retry in it.</summary>
    internal static readonly TimeSpan ClaimTtl = TimeSpan.FromDays(21);

    /// <summary>The once-key of <paramref name="person"/>'s digest in <paramref name="weekKey"/> (<c>2025-W11</c>).</summary>
    public static string OnceKey(PersonRef person, string weekKey) => $"digest:{person.Key}:{weekKey}";

    public async Task<DigestOutcome> RunAsync(PersonRef person, string weekKey, CancellationToken ct)
    {
        var context = await clock.LoadAsync(person, ct);
        if (!planner.Effective(context.Preferences).Enabled)
        {
            return DigestOutcome.OptedOut;
        }

        var key = OnceKey(person, weekKey);
        if (!await once.TryClaimAsync(key, ClaimTtl, ct))
        {
            return DigestOutcome.AlreadyDone;
        }

        WeeklyDigestNotice? notice;
        try
        {
            notice = await builder.BuildAsync(context, weekKey, ct);
        }
        catch
        {
            await once.ReleaseAsync(key, CancellationToken.None);
            throw;
        }

        if (notice is null)
        {
            return DigestOutcome.NothingToSay;
        }

        try
        {
            await messengers.SendAsync(person, notice, ct);
        }
        catch (ChatDeliveryException ex) when (!ex.Permanent)
        {
            // Nothing reached them: give the week back so the job's retry can send.
            await once.ReleaseAsync(key, ct);
            throw;
        }
        catch (ChatDeliveryException ex)
        {
            logger.LogWarning(ex, "Weekly digest {Week} for {Person} cannot be delivered", weekKey, person);
            return DigestOutcome.NotReached;
        }

        FeedbackMetrics.DigestSent(person);
        return DigestOutcome.Sent;
    }
}
