using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using FeedbackBot.Slack.Api;
using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Slack.Requests;

/// <summary>
/// The bot's own user id per workspace, asked once with <c>auth.test</c> (it does not change for an install).
/// Needed because Slack sends <c>member_joined_channel</c> for everyone who joins a channel the bot is in.
/// </summary>
public sealed class BotUser(SlackApiClient api, ILogger<BotUser> logger)
{
    private readonly ConcurrentDictionary<string, string> _ids = new();

    /// <summary>The bot's user id in <paramref name="teamId"/>, or null when Slack would not say.</summary>
    public async Task<string?> IdAsync(string teamId, CancellationToken ct)
    {
        if (_ids.TryGetValue(teamId, out var known))
        {
            return known;
        }

        try
        {
            var id = Interaction.Str((await api.CallAsync(teamId, "auth.test", new JsonObject(), ct))["user_id"]);
            return Mrkdwn.IsUserId(id) ? _ids.GetOrAdd(teamId, id!) : null;
        }
        catch (SlackApiException ex)
        {
            logger.LogInformation("auth.test failed ({Error}); channel welcome skipped", ex.Error);
            return null;
        }
    }
}

/// <summary>
/// The emoji trigger only works where the bot is a member: Slack delivers <c>reaction_added</c> only for channels
/// the app is in (https://api.slack.com/events/reaction_added). So when the bot is invited, or mentioned, it says
/// so with a short ephemeral note to that person (chat.postEphemeral, seen only by them).
/// </summary>
public static class ChannelPresence
{
    /// <summary>The note; <paramref name="emoji"/> is the configured reaction name.</summary>
    public static string Note(string emoji) =>
        $":wave: I'm in this channel, so the :{Mrkdwn.Escape(emoji.Trim(':'))}: reaction works here: react to a message "
        + "and I'll DM you to ask for (your message) or give (someone else's) feedback on it. `/feedback help` shows the rest.";

    /// <summary>Best effort: a note that cannot be shown (e.g. the person left) is only logged.</summary>
    public static async Task TellAsync(SlackApiClient api, string teamId, string channel, string user, string emoji, ILogger logger, CancellationToken ct)
    {
        try
        {
            await api.CallAsync(teamId, "chat.postEphemeral", new JsonObject { ["channel"] = channel, ["user"] = user, ["text"] = Note(emoji) }, ct);
        }
        catch (SlackApiException ex)
        {
            logger.LogInformation("Channel note to {User} in {Channel} not shown: {Error}", user, channel, ex.Error);
        }
    }

    /// <summary>Channel ids (C…, G…, D…) are upper-case letters and digits.</summary>
    internal static bool IsChannelId(string? id) => id is { Length: >= 2 and <= 32 } && id.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c));
}

/// <summary><c>member_joined_channel</c> for the bot itself: tells the inviter that the emoji trigger now works there.</summary>
public sealed class BotJoinedChannel(BotUser bot, SlackApiClient api, IOptions<SlackOptions> options, ILogger<BotJoinedChannel> logger) : ISlackEventHandler
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

        await ChannelPresence.TellAsync(api, slackEvent.TeamId, channel!, inviter!, options.Value.RequestEmoji, logger, ct);
    }
}

/// <summary><c>app_mention</c>: answers the person who mentioned the bot with the same short note, only to them.</summary>
public sealed class AppMentioned(SlackApiClient api, IOptions<SlackOptions> options, ILogger<AppMentioned> logger) : ISlackEventHandler
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

        return ChannelPresence.TellAsync(api, slackEvent.TeamId, channel!, user!, options.Value.RequestEmoji, logger, ct);
    }
}
