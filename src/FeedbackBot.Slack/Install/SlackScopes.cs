namespace FeedbackBot.Slack.Install;

/// <summary>
/// The bot scopes the app asks for, each with the reason in plain words for the install page. The one list both
/// the "Add to Slack" link and <c>manifests/slack/manifest.json</c> use (a test keeps them equal), and exactly
/// the scopes the adapter's calls and events need.
/// </summary>
public static class SlackScopes
{
    /// <summary>Every bot scope, in the manifest's order, with what it lets the bot do.</summary>
    public static IReadOnlyList<(string Scope, string Why)> Bot { get; } =
    [
        ("commands", "add the /feedback command and the message shortcuts"),
        ("chat:write", "send you feedback, requests, reminders and confirmations as messages from the bot"),
        ("im:write", "open a direct message with you to deliver them"),
        ("im:history", "look back in its own direct message with you, to never deliver the same feedback twice"),
        ("users:read", "read names and time zones, so reminders arrive during your working hours"),
        ("reactions:read", "notice the feedback emoji you add to a message"),
        ("channels:history", "read the message you react to or ask about in a public channel it is in"),
        ("groups:history", "the same in a private channel it was invited to"),
        ("app_mentions:read", "answer when you @mention it"),
        ("channels:read", "say hello when it is added to a public channel, and let admins pick a public channel as a team in team insights (its name and members)"),
        ("groups:read", "say hello when it is added to a private channel"),
        ("usergroups:read", "let admins pick a user group (like @design) as a team in team insights: its name and members, never anything else"),
    ];

    /// <summary>The scopes as the authorize URL takes them: comma-separated.</summary>
    public static string Joined => string.Join(',', Bot.Select(s => s.Scope));
}
