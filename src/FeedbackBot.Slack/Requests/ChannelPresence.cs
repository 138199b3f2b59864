using System.Text.Json.Nodes;
using FeedbackBot.Slack.Api;
using FeedbackBot.Slack.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Slack.Requests;

/// <summary>
/// The emoji trigger only works where the bot is a member: Slack delivers <c>reaction_added</c> only for channels
/// the app is in (https://api.slack.com/events/reaction_added). So when the bot is invited, or mentioned, it says
/// so with a short ephemeral note to that person (chat.postEphemeral, seen only by them).
/// </summary>
public sealed class ChannelPresence(SlackApiClient api, IOptions<SlackOptions> options, ILogger<ChannelPresence> logger)
{
    /// <summary>The note; <paramref name="emoji"/> is the configured reaction name.</summary>
    public static string Note(string emoji) =>
        $":wave: I'm in this channel, so the :{Mrkdwn.Escape(emoji.Trim(':'))}: reaction works here: react to a message "
        + "and I'll DM you to ask for (your message) or give (someone else's) feedback on it. `/feedback help` shows the rest.";

    /// <summary>Shows <paramref name="user"/> the note in <paramref name="channel"/>. Best effort: a note that cannot be shown (e.g. the person left) is only logged.</summary>
    public async Task TellAsync(string teamId, string channel, string user, CancellationToken ct)
    {
        try
        {
            await api.CallAsync(teamId, "chat.postEphemeral",
                new JsonObject { ["channel"] = channel, ["user"] = user, ["text"] = Note(options.Value.RequestEmoji) }, ct);
        }
        catch (SlackApiException ex)
        {
            logger.LogInformation("Channel note to {User} in {Channel} not shown: {Error}", user, channel, ex.Error);
        }
    }

    /// <summary>Channel ids (C…, G…, D…) are upper-case letters and digits.</summary>
    internal static bool IsChannelId(string? id) => id is { Length: >= 2 and <= 32 } && id.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c));
}
