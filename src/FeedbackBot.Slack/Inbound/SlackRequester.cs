namespace FeedbackBot.Slack.Inbound;

/// <summary>
/// Who asked, and where a private answer can reach them after the ack: the request's response_url, or a DM where
/// there is none. A handler's RunAsync starts right after its ack and ends within minutes, well inside the
/// response_url's 30 minutes (https://api.slack.com/interactivity/handling#message_responses).
/// </summary>
public sealed record SlackRequester(string TeamId, string UserId, string? ResponseUrl)
{
    public static SlackRequester Of(SlashCommand command) => new(command.TeamId, command.UserId, command.ResponseUrl);

    public static SlackRequester Of(Interaction interaction) => new(interaction.TeamId, interaction.UserId, interaction.ResponseUrl);
}
