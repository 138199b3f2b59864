using Microsoft.Extensions.Options;

namespace FeedbackBot.Slack.Api;

/// <summary>
/// Finds the bot token for a workspace. Two implementations: <see cref="ConfiguredSlackTokenStore"/> (one
/// workspace, <c>Slack:BotToken</c>) and <see cref="Install.SlackInstallations"/> (every workspace that installed
/// the app with "Add to Slack", encrypted in storage; an Enterprise Grid org install answers for each of the
/// org's workspaces). Every Web API call, from a request or a job, asks for the token of its own workspace.
/// </summary>
public interface ISlackTokenStore
{
    /// <summary>The <c>xoxb-</c> token for <paramref name="teamId"/>, or null when the app is not installed there.</summary>
    ValueTask<string?> GetBotTokenAsync(string teamId, CancellationToken ct);

    /// <summary>
    /// Forgets the token of <paramref name="teamId"/> (the app was uninstalled there or its token revoked); true
    /// when there was one to forget. <c>Slack:BotToken</c> cannot be forgotten: it is removed from the settings.
    /// </summary>
    ValueTask<bool> ForgetAsync(string teamId, CancellationToken ct) => ValueTask.FromResult(false);
}

/// <summary>Single-workspace install: <c>Slack:BotToken</c> answers for every team id.</summary>
public sealed class ConfiguredSlackTokenStore(IOptionsMonitor<SlackOptions> options) : ISlackTokenStore
{
    public ValueTask<string?> GetBotTokenAsync(string teamId, CancellationToken ct) =>
        ValueTask.FromResult(string.IsNullOrWhiteSpace(options.CurrentValue.BotToken) ? null : options.CurrentValue.BotToken);
}
