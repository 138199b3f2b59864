using FeedbackBot.Core.Digest;
using FeedbackBot.Slack.Inbound;

namespace FeedbackBot.Slack.Digest;

/// <summary>"Snooze this week": skips the coming digest (its week is claimed as done) and plans the one after.</summary>
public sealed class DigestSnoozeAction(PlanWeeklyReminder plan, PrivateReply reply) : IBlockActionHandler
{
    public const string ActionId = "digest_snooze";

    public ValueTask<SlackAck> AckAsync(Interaction interaction, BlockAction action, CancellationToken ct) =>
        ValueTask.FromResult(SlackAck.Ok.ThenRun());

    public async Task RunAsync(Interaction interaction, BlockAction action, object? state, CancellationToken ct)
    {
        var snoozed = await plan.SnoozeThisWeekAsync(interaction.Person, ct);
        var text = snoozed is null
            ? "Your weekly digest is off, so there is nothing to snooze. Turn it on in `/feedback settings`."
            : $":zzz: Skipped. Your next digest comes {When(snoozed.NextAt)}.";
        await reply.TellAsync(SlackRequester.Of(interaction), text, ct);
    }

    /// <summary>A Slack date token: each reader sees it in their own zone; the fallback is UTC.</summary>
    public static string When(DateTimeOffset at) =>
        $"<!date^{at.ToUnixTimeSeconds()}^{{date_long_pretty}} at {{time}}|{at.UtcDateTime:ddd d MMM HH:mm} UTC>";
}
