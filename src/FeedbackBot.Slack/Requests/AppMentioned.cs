using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Text;

namespace FeedbackBot.Slack.Requests;

/// <summary><c>app_mention</c>: answers the person who mentioned the bot with the same short note, only to them.</summary>
public sealed class AppMentioned(ChannelPresence presence) : ISlackEventHandler
{
    public const string EventType = "app_mention";

    public Task HandleAsync(SlackEvent slackEvent, CancellationToken ct)
    {
        var evt = slackEvent.Event;
        var user = slackEvent.UserId;
        var channel = evt.Channel;
        // Another app mentioning us gets no answer: two bots must never talk to each other in a loop.
        if (evt.BotId is not null || !Mrkdwn.IsUserId(user) || !ChannelPresence.IsChannelId(channel))
        {
            return Task.CompletedTask;
        }

        return presence.TellAsync(slackEvent.TeamId, channel!, user!, ct);
    }
}
