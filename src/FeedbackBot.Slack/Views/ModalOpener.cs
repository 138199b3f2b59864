using System.Text.Json.Nodes;
using FeedbackBot.Slack.Api;
using FeedbackBot.Slack.Inbound;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Slack.Views;

/// <summary>
/// views.open for a handler's RunAsync, which starts right after the ack: trigger_id expires 3 s after Slack
/// issued it, so the call gives up after <see cref="SlackTimings.ViewsOpenTimeout"/> and the person is told to try
/// again. Anything slow to load is shown after opening, by views.update of the returned view.
/// </summary>
public sealed class ModalOpener(SlackApiClient api, PrivateReply reply, IOptions<SlackTimings> timings, ILogger<ModalOpener> logger)
{
    /// <summary>
    /// The opened view (id and hash, for a later views.update), or null when it could not be opened.
    /// <paramref name="spent"/> is what the caller already used of the trigger_id's time (a quick lookup).
    /// </summary>
    public async Task<OpenedView?> OpenAsync(SlackRequester who, string? triggerId, JsonObject view, CancellationToken ct, TimeSpan spent = default)
    {
        if (string.IsNullOrEmpty(triggerId))
        {
            return null;
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timings.Value.ViewsOpenTimeout - spent is { Ticks: > 0 } left ? left : TimeSpan.Zero);
        JsonObject opened;
        try
        {
            opened = await api.OpenViewAsync(who.TeamId, triggerId, view, cts.Token);
        }
        catch (Exception ex) when (ex is SlackApiException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            logger.LogWarning(ex, "views.open of {CallbackId} failed", view["callback_id"]?.ToString());
            await reply.TellAsync(who, "Slack was too slow to open the form. Please try again.", ct);
            return null;
        }

        return opened["view"] is JsonObject up && up["id"]?.GetValue<string>() is { } id
            ? new OpenedView(id, up["hash"]?.GetValue<string>())
            : null;
    }
}

/// <summary>An opened modal: what views.update needs to change it later.</summary>
public sealed record OpenedView(string Id, string? Hash);
