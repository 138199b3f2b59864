using System.Text.Json.Nodes;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.People;
using FeedbackBot.Slack.Api;

namespace FeedbackBot.Slack.Delivery;

/// <summary>
/// Core's messenger for Slack: opens the DM (conversations.open) and posts the notice as Block Kit.
/// Slack failures become <see cref="ChatDeliveryException"/>: permanent when retrying cannot help (the user
/// is gone, the token is bad), transient for rate limits after retries, 5xx and network errors.
/// </summary>
public sealed class SlackMessenger(SlackApiClient api) : IChatMessenger
{
    public Platform Platform => Platform.Slack;

    // Placeholder until the Slack adapter marks messages with metadata and reads them back (issue 10 #2):
    // without a marker, a send is reported as not found, so Core resends.
    public Task<MessageReceipt> SendAsync(PersonRef to, ChatNotice notice, string deliveryKey, CancellationToken ct) => SendAsync(to, notice, ct);

    public Task<MessageReceipt?> FindSentAsync(PersonRef to, string deliveryKey, DateTimeOffset since, CancellationToken ct) =>
        Task.FromResult<MessageReceipt?>(null);

    public async Task<MessageReceipt> SendAsync(PersonRef to, ChatNotice notice, CancellationToken ct)
    {
        var (fallback, blocks) = Render(notice);
        try
        {
            var (channel, ts) = await api.SendDmAsync(to.WorkspaceId, to.UserId, fallback, blocks, ct);
            return new MessageReceipt(channel, ts);
        }
        catch (SlackApiException ex)
        {
            throw new ChatDeliveryException(Describe(ex), permanent: !ex.Transient, ex);
        }
    }

    public static (string Fallback, JsonArray Blocks) Render(ChatNotice notice) => notice switch
    {
        FeedbackReceivedNotice received => FeedbackText.Received(received),
        FeedbackSentNotice sent => FeedbackText.Sent(sent),
        FeedbackNotDeliveredNotice failed => FeedbackText.NotDelivered(failed),
        FeedbackRequestedNotice requested => Requests.RequestText.Requested(requested),
        NudgeNotice nudge => Requests.RequestText.Nudge(nudge),
        RequestAnsweredNotice answered => Requests.RequestText.Answered(answered),
        RequestDeclinedNotice declined => Requests.RequestText.Declined(declined),
        RequestSummaryNotice summary => Requests.RequestText.Summary(summary),
        WeeklyDigestNotice digest => Digest.DigestBlocks.Render(digest),
        _ => throw new ChatDeliveryException($"Slack cannot show a {notice.GetType().Name} yet.", permanent: true),
    };

    // Shown to the giver in FeedbackNotDeliveredNotice, so plain words instead of Slack's codes.
    private static string Describe(SlackApiException ex) => ex.Error switch
    {
        "user_not_found" or "channel_not_found" => "Slack doesn't know this person",
        "account_inactive" or "user_disabled" => "their account is deactivated",
        "not_authed" or "invalid_auth" or "token_revoked" or "not_installed" => "the app is not installed properly",
        "cannot_dm_bot" => "apps can't receive feedback",
        "ratelimited" => "Slack is rate limiting us",
        _ => $"Slack said {ex.Error}",
    };
}
