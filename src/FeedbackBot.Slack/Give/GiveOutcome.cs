using FeedbackBot.Core.Feedback;

namespace FeedbackBot.Slack.Give;

/// <summary>
/// What a give ended with: Core's result, the failure that kept it from being saved, or neither when the same
/// command, click or submission had been acted on already (<see cref="Duplicate"/>).
/// </summary>
public sealed record GiveOutcome(GiveFeedbackResult? Result, Exception? Failure)
{
    public static GiveOutcome AlreadyDone { get; } = new(null, null);

    public bool Succeeded => Result is { Succeeded: true };

    public bool Duplicate => Result is null && Failure is null;
}
