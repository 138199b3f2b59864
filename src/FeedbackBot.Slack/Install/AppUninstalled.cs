using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Slack.Api;
using FeedbackBot.Slack.Inbound;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Slack.Install;

/// <summary>
/// <c>app_uninstalled</c> and <c>tokens_revoked</c>: the workspace's token no longer works, so it is forgotten,
/// and the workspace's queued work (deliveries, request prompts, nudge checks, weekly digests) is dropped, so no
/// sweep or job of any host does anything for it any more. Its feedback, requests and preferences stay until an
/// admin asks for them to be deleted (<c>/feedback admin delete-workspace-data</c>) or the app is reinstalled.
/// The bot asks for no user scopes, so a revoked token is always the bot's.
/// https://docs.slack.dev/reference/events/app_uninstalled, https://docs.slack.dev/reference/events/tokens_revoked
/// </summary>
public sealed class AppUninstalled(ISlackTokenStore tokens, ILogger<AppUninstalled> logger, IWorkspaceData? data = null) : ISlackEventHandler
{
    public const string EventType = "app_uninstalled";

    public const string TokensRevokedEventType = "tokens_revoked";

    public async Task HandleAsync(SlackEvent slackEvent, CancellationToken ct)
    {
        var forgot = await tokens.ForgetAsync(slackEvent.TeamId, ct);
        if (data is not null)
        {
            await data.StopWorkAsync(new WorkspaceRef(Platform.Slack, slackEvent.TeamId), ct);
        }

        if (forgot)
        {
            logger.LogInformation("Slack workspace {TeamId}: {Event}; its token is forgotten and its queued work dropped", slackEvent.TeamId, slackEvent.Type);
        }
        else
        {
            logger.LogWarning("Slack workspace {TeamId}: {Event}; its queued work dropped, but no stored token to forget (with Slack:BotToken, remove the setting)",
                slackEvent.TeamId, slackEvent.Type);
        }
    }
}
