namespace FeedbackBot.Slack.Background;

/// <summary>Work started within the ack budget: its result when it came in time, and its task either way.</summary>
public sealed record Budgeted<T>(Task<T> Running, T? InTime) where T : class
{
    /// <summary>True when the ack went out without the result, so RunAsync must report it.</summary>
    public bool Late => InTime is null;
}
