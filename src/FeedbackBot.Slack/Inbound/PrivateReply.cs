using FeedbackBot.Slack.Api;
using FeedbackBot.Slack.Give;

namespace FeedbackBot.Slack.Inbound;

/// <summary>
/// A private answer to someone after the ack: through the request's response_url, or a DM where there is none
/// (App Home buttons, shortcuts, view submissions) or its budget is spent. Best effort: a note that cannot be
/// delivered is logged.
/// </summary>
public sealed class PrivateReply(ResponseUrlClient responses)
{
    /// <summary>Tells <paramref name="who"/> <paramref name="escapedText"/>, replacing the clicked message when asked.</summary>
    public Task TellAsync(SlackRequester who, string escapedText, CancellationToken ct, bool replaceOriginal = false) =>
        responses.PostAsync(who.ResponseUrl, SlackIds.Person(who.TeamId, who.UserId), GiveText.EphemeralMessage(escapedText, replaceOriginal), ct);
}
