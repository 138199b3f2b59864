using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using FeedbackBot.Slack.Api;
using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Text;
using Microsoft.Extensions.Logging;

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
