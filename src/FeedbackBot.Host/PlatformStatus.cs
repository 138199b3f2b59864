using FeedbackBot.Slack;

namespace FeedbackBot.Host;

/// <summary>The one start-up line that says which chat platforms are on, and which settings turn the others on.</summary>
internal static class PlatformStatus
{
    public static string Describe(SlackOptions slack)
    {
        var slackState = slack.IsConfigured
            ? "Slack on"
            : "Slack off (set Slack:SigningSecret and Slack:BotToken to turn it on)";
        return $"Platforms: {slackState}; Teams off (the Teams adapter is not part of this build yet)";
    }
}
