using FeedbackBot.Slack;
using FeedbackBot.Teams;

namespace FeedbackBot.Host;

/// <summary>The one start-up line that says which chat platforms are on, and which settings turn the others on.</summary>
internal static class PlatformStatus
{
    public static string Describe(SlackOptions slack, TeamsOptions? teams = null)
    {
        var slackState = (slack.IsConfigured, slack.UsesSocketMode) switch
        {
            (true, true) => "Slack on (Socket Mode)",
            (true, false) => "Slack on",
            _ => "Slack off (set Slack:SigningSecret and Slack:BotToken to turn it on, or Slack:AppToken and Slack:BotToken for Socket Mode)",
        };
        var teamsState = (teams ?? new TeamsOptions()).Mode switch
        {
            TeamsMode.Authenticated => "Teams on (authenticated)",
            TeamsMode.Anonymous => "Teams on (ANONYMOUS — local trial only)",
            _ => "Teams off (set Teams:AppId, Teams:AppPassword and Teams:TenantId to turn it on, or Teams:AllowAnonymous=true for a local trial)",
        };
        return $"Platforms: {slackState}; {teamsState}";
    }
}
