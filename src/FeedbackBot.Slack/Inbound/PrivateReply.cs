using FeedbackBot.Slack.Api;
using FeedbackBot.Slack.Give;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Slack.Inbound;

/// <summary>
/// A private answer to someone after the ack: through the request's response_url, or a DM where there is none
/// (App Home buttons, shortcuts, view submissions). Best effort: a note that cannot be delivered is logged.
/// </summary>
public sealed class PrivateReply(ResponseUrlClient responses, SlackApiClient api, ILogger<PrivateReply> logger)
{
    /// <summary>Tells <paramref name="who"/> <paramref name="escapedText"/>, replacing the clicked message when asked.</summary>
    public async Task TellAsync(SlackRequester who, string escapedText, CancellationToken ct, bool replaceOriginal = false)
    {
        if (!string.IsNullOrEmpty(who.ResponseUrl))
        {
            // A spent or expired response_url falls back to a DM inside the client.
            await responses.PostAsync(who.ResponseUrl, SlackIds.Person(who.TeamId, who.UserId), GiveText.EphemeralMessage(escapedText, replaceOriginal), ct);
            return;
        }

        try
        {
            await api.SendDmAsync(who.TeamId, who.UserId, escapedText, null, ct);
        }
        catch (SlackApiException ex)
        {
            logger.LogInformation(ex, "Could not tell {User} in {Team}", who.UserId, who.TeamId);
        }
    }
}
