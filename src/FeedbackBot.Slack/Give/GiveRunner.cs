using FeedbackBot.Core;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Telemetry;
using FeedbackBot.Slack.Inbound;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Slack.Give;

/// <summary>
/// Core's give, acted on once per Slack identifier. Any failure (storage down, a bug) becomes an outcome that
/// says "not saved" instead of an exception nobody sees, and gives the claim back so a retry works; a save that
/// storage could not confirm keeps the claim (it may have landed).
/// </summary>
public sealed class GiveRunner(ActOnce actOnce, GiveFeedback give, ILogger<GiveRunner> logger)
{
    /// <summary><paramref name="once"/> names the identifier this give is acted on once for (see <see cref="ActOnce"/>).</summary>
    public async Task<GiveOutcome> GiveAsync(GiveFeedbackCommand command, OnceKey once, CancellationToken ct)
    {
        try
        {
            if (!await actOnce.TryClaimAsync(once.Kind, once.Id, ct))
            {
                return GiveOutcome.AlreadyDone;
            }

            var result = await give.GiveAsync(command, ct);
            if (!result.Succeeded)
            {
                await actOnce.ReleaseAsync(once.Kind, once.Id);
            }

            return new GiveOutcome(result, null);
        }
        catch (SaveUnconfirmedException ex)
        {
            // Maybe saved: the claim stays, so a replay of the same click cannot save it a second time.
            logger.LogError(RepeatedFailure.Of(ex), "Give from {Giver} to {Recipients}: not known whether {FeedbackIds} were saved",
                LogPolicy.Giver(command.Giver, command.Anonymous), string.Join(",", command.Recipients), string.Join(",", ex.Ids));
            return new GiveOutcome(null, ex);
        }
        catch (Exception ex)
        {
            logger.LogError(RepeatedFailure.Of(ex), "Give from {Giver} to {Recipients} was not saved", LogPolicy.Giver(command.Giver, command.Anonymous), string.Join(",", command.Recipients));
            try
            {
                await actOnce.ReleaseAsync(once.Kind, once.Id);
            }
            catch (Exception releaseError)
            {
                // Storage is down: the claim expires by itself; the person was told to try again.
                logger.LogDebug(releaseError, "Could not release {Kind} claim", once.Kind);
            }

            return new GiveOutcome(null, ex);
        }
    }
}
