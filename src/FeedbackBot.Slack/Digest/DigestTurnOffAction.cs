using FeedbackBot.Core.Digest;
using FeedbackBot.Slack.Inbound;

namespace FeedbackBot.Slack.Digest;

/// <summary>"Turn off": Core saves the reminder as disabled (day and time kept) and removes the person from the schedule.</summary>
public sealed class DigestTurnOffAction(PlanWeeklyReminder plan, PrivateReply reply) : IBlockActionHandler
{
    public const string ActionId = "digest_off";

    public ValueTask<SlackAck> AckAsync(Interaction interaction, BlockAction action, CancellationToken ct) =>
        ValueTask.FromResult(SlackAck.Ok.ThenRun());

    public async Task RunAsync(Interaction interaction, BlockAction action, object? state, CancellationToken ct)
    {
        await plan.TurnOffAsync(interaction.Person, ct);
        await reply.TellAsync(SlackRequester.Of(interaction),
            ":no_bell: Weekly digest turned off. Turn it back on any time in `/feedback settings`.", ct);
    }
}
