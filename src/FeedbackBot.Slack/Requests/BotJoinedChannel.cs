using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Text;

namespace FeedbackBot.Slack.Requests;

/// <summary><c>member_joined_channel</c> for the bot itself: tells the inviter that the emoji trigger now works there.</summary>
public sealed class BotJoinedChannel(BotUser bot, ChannelPresence presence) : ISlackEventHandler
{
    public const string EventType = "member_joined_channel";

    public async Task HandleAsync(SlackEvent slackEvent, CancellationToken ct)
    {
        var evt = slackEvent.Event;
        var joined = evt.User;
        var channel = evt.Channel;
        // No inviter: the bot joined on its own (or Slack did not say who asked); nobody to tell.
        var inviter = evt.Inviter;
        if (!Mrkdwn.IsUserId(joined) || !Mrkdwn.IsUserId(inviter) || !ChannelPresence.IsChannelId(channel)
            || await bot.IdAsync(slackEvent.TeamId, ct) != joined)
        {
            return;
        }

        await presence.TellAsync(slackEvent.TeamId, channel!, inviter!, ct);
    }
}
