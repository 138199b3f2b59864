using Microsoft.Extensions.Options;

namespace FeedbackBot.Slack.Api;

/// <summary>
/// Finds the bot token for a workspace. Today one workspace from configuration; the OAuth install flow will
/// replace this with an encrypted per-workspace store without touching callers.
/// </summary>
public interface ISlackTokenStore
{
    /// <summary>The <c>xoxb-</c> token for <paramref name="teamId"/>, or null when the app is not installed there.</summary>
    ValueTask<string?> GetBotTokenAsync(string teamId, CancellationToken ct);
}

/// <summary>Single-workspace install: <c>Slack:BotToken</c> answers for every team id.</summary>
public sealed class ConfiguredSlackTokenStore(IOptionsMonitor<SlackOptions> options) : ISlackTokenStore
{
    public ValueTask<string?> GetBotTokenAsync(string teamId, CancellationToken ct) =>
        ValueTask.FromResult(string.IsNullOrWhiteSpace(options.CurrentValue.BotToken) ? null : options.CurrentValue.BotToken);
}
