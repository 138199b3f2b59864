using FeedbackBot.Core.People;

namespace FeedbackBot.Core.Telemetry;

/// <summary>
/// What a log line may hold (docs/operations.md, "Log policy"): ids, people for what they did in their own name,
/// counts and error codes. Never feedback text, a question, a decline reason, a token, a secret or a
/// response_url; and never anything that ties an anonymous giver to their feedback: a line about an anonymous
/// item names no giver, and a line about a giver's anonymous act names no item.
/// </summary>
public static class LogPolicy
{
    /// <summary>What stands for the giver in a log line: the person, or a placeholder when they gave anonymously.</summary>
    public static object Giver(PersonRef giver, bool anonymous) => anonymous ? Anonymous : giver;

    /// <summary>The placeholder for an anonymous giver.</summary>
    public const string Anonymous = "(anonymous)";
}
