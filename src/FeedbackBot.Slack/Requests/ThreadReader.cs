using System.Text.Json.Nodes;
using FeedbackBot.Slack.Api;
using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Text;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Slack.Requests;

/// <summary>
/// Reads a message's thread with conversations.replies, best effort. Slack caps history reads at 1 call/min
/// (and limit ≤ 15) for commercially distributed non-Marketplace apps created after May 2025, and the bot may
/// not be in the channel at all; every failure (429, ok:false, timeout) means "no data", never an error.
/// </summary>
public sealed class ThreadReader(SlackApiClient api, ILogger<ThreadReader> logger)
{
    /// <summary>The cap's ceiling; asking for more is refused on capped apps.</summary>
    public const int Limit = 15;

    // The client would honour a short Retry-After; suggestions are not worth waiting for, so cut it short.
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);

    /// <summary>Messages of the thread rooted at (or containing) <paramref name="ts"/>, or null when Slack would not say.</summary>
    public async Task<IReadOnlyList<JsonObject>?> RepliesAsync(string teamId, string channel, string ts, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(Budget);
        try
        {
            var reply = await api.CallAsync(teamId, "conversations.replies",
                new JsonObject { ["channel"] = channel, ["ts"] = ts, ["limit"] = Limit }, cts.Token);
            return (reply["messages"] as JsonArray)?.OfType<JsonObject>().ToArray() ?? [];
        }
        catch (SlackApiException ex)
        {
            logger.LogInformation("conversations.replies unavailable ({Error}); going without", ex.Error);
            return null;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            logger.LogInformation("conversations.replies too slow; going without");
            return null;
        }
    }

    /// <summary>People who wrote in the thread, first writers first, without bots and without <paramref name="exclude"/>.</summary>
    public async Task<IReadOnlyList<string>> ParticipantsAsync(string teamId, string channel, string threadTs, string exclude, int max, CancellationToken ct)
    {
        var messages = await RepliesAsync(teamId, channel, threadTs, ct);
        return messages is null ? [] : messages
            .Where(m => m["bot_id"] is null && Interaction.Str(m["subtype"]) is null or "thread_broadcast")
            .Select(m => Interaction.Str(m["user"]))
            .OfType<string>()
            .Where(u => Mrkdwn.IsUserId(u) && u != exclude)
            .Distinct()
            .Take(max)
            .ToArray();
    }

    /// <summary>
    /// The text of the message at <paramref name="ts"/> (a parent or a reply) as neutral text (Slack's escaping and
    /// control sequences decoded once, see <see cref="SlackInbound"/>), or null.
    /// </summary>
    public async Task<string?> MessageTextAsync(string teamId, string channel, string ts, CancellationToken ct) =>
        (await RepliesAsync(teamId, channel, ts, ct))?
            .FirstOrDefault(m => Interaction.Str(m["ts"]) == ts) is { } message ? SlackInbound.Decode(Interaction.Str(message["text"])) : null;
}
