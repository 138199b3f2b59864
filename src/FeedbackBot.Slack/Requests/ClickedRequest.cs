using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Requests;
using FeedbackBot.Slack.Inbound;

namespace FeedbackBot.Slack.Requests;

/// <summary>
/// The request a clicked button names, re-checked against the clicker: button values are attacker-controlled, so
/// the id counts only when the clicker is still asked on that request (issue 10 #13).
/// </summary>
public sealed class ClickedRequest(IRequestStore requests, PrivateReply reply)
{
    /// <summary>
    /// The request when the clicker may act on it; otherwise null, after telling them why not (the same words for a
    /// missing request and someone else's, see <see cref="RequestService.Refusal"/>).
    /// </summary>
    public async Task<FeedbackRequest?> FindAsync(Interaction interaction, BlockAction action, CancellationToken ct)
    {
        var request = action.Value is { Length: > 0 and <= Core.Ids.MaxLength } id ? await requests.GetAsync(id, ct) : null;
        if (RequestService.Refusal(request, interaction.Person) is { } refusal)
        {
            await reply.TellAsync(SlackRequester.Of(interaction), refusal, ct);
            return null;
        }

        return request;
    }
}
