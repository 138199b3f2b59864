using FeedbackBot.Slack;

namespace FeedbackBot.Host.Tests;

/// <summary>The start-up line says whether Slack serves one workspace (a pasted token) or any (Add to Slack).</summary>
public sealed class PlatformStatusTests
{
    [Theory]
    [InlineData("s", "xoxb-1", null, null, "Slack on (one workspace: Slack:BotToken)")]
    [InlineData("s", null, "111.222", "secret", "Slack on (any workspace: Add to Slack at /slack/install")]
    [InlineData("s", "xoxb-1", "111.222", "secret", "Slack on (any workspace: Add to Slack at /slack/install")]
    [InlineData("s", null, "111.222", null, "Slack off (set Slack:SigningSecret and Slack:BotToken")]
    [InlineData(null, "xoxb-1", "111.222", "secret", "Slack off (set Slack:SigningSecret and Slack:BotToken")]
    public void Describe_SaysHowSlackGetsItsTokens(string? secret, string? botToken, string? clientId, string? clientSecret, string expected)
    {
        var line = PlatformStatus.Describe(new SlackOptions { SigningSecret = secret, BotToken = botToken, ClientId = clientId, ClientSecret = clientSecret });

        Assert.Contains(expected, line);
    }
}
