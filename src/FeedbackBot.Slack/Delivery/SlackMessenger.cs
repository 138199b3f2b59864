using System.Globalization;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.People;
using FeedbackBot.Slack.Api;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Slack.Delivery;

/// <summary>
/// Core's messenger for Slack: posts the notice as Block Kit into the person's DM (channel id from the address
/// book, so usually one call). Sends that must arrive once carry their delivery key as message metadata
/// (<c>event_type</c> <see cref="DeliveryEventType"/>), and <see cref="FindSentAsync"/> reads the DM back to
/// tell whether an uncertain send arrived.
/// Slack failures become <see cref="ChatDeliveryException"/>: permanent when retrying cannot help (the person is
/// unknown or deactivated, the app lost its token), transient otherwise, and "maybe sent" when Slack may have
/// posted the message before failing.
/// </summary>
public sealed class SlackMessenger(SlackApiClient api, IOptions<SlackTimings>? timings = null) : IChatMessenger
{
    /// <summary>The metadata <c>event_type</c> that marks a keyed delivery (https://docs.slack.dev/messaging/message-metadata).</summary>
    public const string DeliveryEventType = "feedbackbot_delivery";

    // Clocks of two hosts and Slack's differ a little; the window starts early rather than miss the message.
    private static readonly TimeSpan ClockSlack = TimeSpan.FromMinutes(1);

    // A person's DM since a failed send holds a handful of messages; the cap only bounds a runaway loop.
    private const int MaxHistoryPages = 20;

    public Platform Platform => Platform.Slack;

    public Task<MessageReceipt> SendAsync(PersonRef to, ChatNotice notice, CancellationToken ct) =>
        SendAsync(to, notice, metadata: null, ct);

    public Task<MessageReceipt> SendAsync(PersonRef to, ChatNotice notice, string deliveryKey, CancellationToken ct) =>
        SendAsync(to, notice, DeliveryMetadata(deliveryKey), ct);

    /// <summary>
    /// Reads the DM with conversations.history (<c>oldest</c> = <paramref name="since"/> minus a minute,
    /// <c>include_all_metadata=true</c>, paged by cursor) and returns the message whose metadata carries
    /// <paramref name="deliveryKey"/>. Needs the <c>im:history</c> scope.
    /// https://docs.slack.dev/reference/methods/conversations.history
    /// </summary>
    public async Task<MessageReceipt?> FindSentAsync(PersonRef to, string deliveryKey, DateTimeOffset since, CancellationToken ct)
    {
        string channel;
        try
        {
            channel = await api.OpenDmAsync(to.WorkspaceId, to.UserId, ct);
        }
        catch (SlackApiException ex) when (ex.Error is "user_not_found" or "users_not_found" or "cannot_dm_bot")
        {
            // Slack has no DM with this person to post into, so nothing can have been sent there.
            return null;
        }
        catch (SlackApiException ex)
        {
            throw new ChatDeliveryException($"Could not check the DM: {Describe(ex)}", permanent: ex.IsTokenLost, ex, workspaceGone: ex.IsTokenLost);
        }

        try
        {
            var oldest = (since - ClockSlack).ToUnixTimeMilliseconds() / 1000m;
            string? cursor = null;
            for (var page = 0; page < MaxHistoryPages; page++)
            {
                var args = new JsonObject
                {
                    ["channel"] = channel,
                    ["oldest"] = oldest.ToString("0.000000", CultureInfo.InvariantCulture),
                    ["include_all_metadata"] = true,
                    ["limit"] = timings?.Value.HistoryPageSize ?? 100,
                };
                if (cursor is not null)
                {
                    args["cursor"] = cursor;
                }

                var reply = await api.CallAsync(to.WorkspaceId, "conversations.history", args, ct);
                foreach (var message in reply["messages"] as JsonArray ?? [])
                {
                    if (message?["metadata"] is JsonObject metadata
                        && Str(metadata["event_type"]) == DeliveryEventType
                        && Str(metadata["event_payload"]?["key"]) == deliveryKey)
                    {
                        return new MessageReceipt(channel, Str(message["ts"]) ?? "");
                    }
                }

                cursor = Str(reply["response_metadata"]?["next_cursor"]);
                if (string.IsNullOrEmpty(cursor) || reply["has_more"]?.GetValueKind() == System.Text.Json.JsonValueKind.False)
                {
                    return null;
                }
            }

            return null;
        }
        catch (SlackApiException ex)
        {
            // The question could not be answered: never "not found", which would make the caller resend.
            throw new ChatDeliveryException($"Could not check the DM: {Describe(ex)}", permanent: ex.IsTokenLost, ex, workspaceGone: ex.IsTokenLost);
        }
    }

    public static (string Fallback, JsonArray Blocks) Render(ChatNotice notice) => notice.RenderWith(BlockKitNotices.Instance);

    /// <summary>The metadata that marks a keyed delivery.</summary>
    public static JsonObject DeliveryMetadata(string deliveryKey) => new()
    {
        ["event_type"] = DeliveryEventType,
        ["event_payload"] = new JsonObject { ["key"] = deliveryKey },
    };

    /// <summary>
    /// Plain words for a Slack failure, shown to the giver in <see cref="FeedbackNotDeliveredNotice"/>. Lost
    /// tokens are about the app, never described as a problem of the recipient.
    /// </summary>
    public static string Describe(SlackApiException ex) => ex.Error switch
    {
        _ when ex.IsTokenLost => "FeedbackBot lost its access to this Slack workspace (an admin needs to reinstall it)",
        "user_not_found" or "users_not_found" => "Slack doesn't know this person",
        "user_disabled" => "their account is deactivated",
        "cannot_dm_bot" => "apps and bots can't receive feedback",
        "channel_not_found" => "Slack could not open a direct message with this person",
        "missing_scope" => "FeedbackBot lacks a Slack permission it needs (an admin needs to reinstall it)",
        "invalid_blocks" or "msg_too_long" or "msg_blocks_too_long" => "Slack refused the message's layout",
        "ratelimited" => "Slack is rate limiting us",
        "timeout" or "network" => "Slack did not answer in time",
        _ when ex.MaybeApplied => "Slack had a problem while posting it",
        _ => $"Slack said {ex.Error}",
    };

    private async Task<MessageReceipt> SendAsync(PersonRef to, ChatNotice notice, JsonObject? metadata, CancellationToken ct)
    {
        var (fallback, blocks) = Render(notice);
        try
        {
            var (channel, ts) = await api.SendDmAsync(to.WorkspaceId, to.UserId, fallback, blocks, metadata, ct);
            return new MessageReceipt(channel, ts);
        }
        catch (SlackApiException ex)
        {
            // The exception keeps Slack's code and response_metadata.messages (invalid_blocks says which block).
            throw new ChatDeliveryException(Describe(ex), permanent: !ex.Transient, ex, maybeSent: ex.MaybeApplied, workspaceGone: ex.IsTokenLost);
        }
    }

    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}

/// <summary>Block Kit for every notice Core sends; a new notice without a method here does not compile.</summary>
internal sealed class BlockKitNotices : INoticeRenderer<(string Fallback, JsonArray Blocks)>
{
    public static BlockKitNotices Instance { get; } = new();

    public (string Fallback, JsonArray Blocks) Render(FeedbackReceivedNotice notice) => FeedbackText.Received(notice);

    public (string Fallback, JsonArray Blocks) Render(FeedbackSentNotice notice) => FeedbackText.Sent(notice);

    public (string Fallback, JsonArray Blocks) Render(FeedbackNotDeliveredNotice notice) => FeedbackText.NotDelivered(notice);

    public (string Fallback, JsonArray Blocks) Render(FeedbackRequestedNotice notice) => Requests.RequestText.Requested(notice);

    public (string Fallback, JsonArray Blocks) Render(NudgeNotice notice) => Requests.RequestText.Nudge(notice);

    public (string Fallback, JsonArray Blocks) Render(RequestAnsweredNotice notice) => Requests.RequestText.Answered(notice);

    public (string Fallback, JsonArray Blocks) Render(RequestDeclinedNotice notice) => Requests.RequestText.Declined(notice);

    public (string Fallback, JsonArray Blocks) Render(RequestSummaryNotice notice) => Requests.RequestText.Summary(notice);

    public (string Fallback, JsonArray Blocks) Render(RequestNotReachedNotice notice) => Requests.RequestText.NotReached(notice);

    public (string Fallback, JsonArray Blocks) Render(WeeklyDigestNotice notice) => Digest.DigestBlocks.Render(notice);

    public (string Fallback, JsonArray Blocks) Render(Core.Growth.CommitmentCheckInNotice notice) => Growth.GrowthText.CheckIn(notice);
    public (string Fallback, JsonArray Blocks) Render(Core.YearInFeedback.YearInFeedbackNotice notice) => Ratings.YearInFeedbackBlocks.Render(notice);
}
