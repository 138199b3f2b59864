using FeedbackBot.Slack;
using FeedbackBot.Teams;

namespace FeedbackBot.Host;

/// <summary>The one start-up line that says which chat platforms are on, and which settings turn the others on.</summary>
internal static class PlatformStatus
{
    public static string Describe(SlackOptions slack, TeamsOptions? teams = null)
    {
        var socket = slack.UsesSocketMode ? "Socket Mode, " : "";
        var slackState = slack switch
        {
            { IsOAuthConfigured: true } => $"Slack on ({socket}any workspace: Add to Slack at /slack/install, tokens stored encrypted)",
            { IsConfigured: true } => $"Slack on ({socket}one workspace: Slack:BotToken)",
            _ => "Slack off (set Slack:SigningSecret and Slack:BotToken for one workspace, or Slack:SigningSecret, Slack:ClientId and Slack:ClientSecret for Add to Slack in any number; Slack:AppToken instead of the signing secret for Socket Mode)",
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
