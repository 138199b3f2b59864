using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Slack.Inbound;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Slack.Give;

/// <summary>Recipients picked: look their profiles up after the ack, so the submit's check hits the cache.</summary>
public sealed class GiveRecipientsPicked(IPeopleDirectory people, ILogger<GiveRecipientsPicked> logger) : IBlockActionHandler
{
    public ValueTask<SlackAck> AckAsync(Interaction interaction, BlockAction action, CancellationToken ct) =>
        ValueTask.FromResult(interaction.View is { } view ? SlackAck.Ok.ThenRun(GiveModal.Read(view, interaction).Recipients) : SlackAck.Ok);

    public async Task RunAsync(Interaction interaction, BlockAction action, object? state, CancellationToken ct)
    {
        foreach (var id in state as IReadOnlyList<string> ?? [])
        {
            try
            {
                await people.GetProfileAsync(SlackIds.Person(interaction.TeamId, id), ct);
            }
            catch (PeopleLookupException ex)
            {
                logger.LogDebug(ex, "Prefetch of {User} failed", id);
            }
        }
    }
}
