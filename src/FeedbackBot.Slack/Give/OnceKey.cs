namespace FeedbackBot.Slack.Give;

/// <summary>The Slack identifier a give is acted on once for: a command's trigger_id, a draft's id, a modal's view id.</summary>
public readonly record struct OnceKey(string Kind, string? Id);
