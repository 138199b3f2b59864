namespace FeedbackBot.Core.Feedback;

/// <summary>Whether feedback recognises something done well or suggests a change.</summary>
public enum FeedbackKind
{
    Praise,
    Constructive,
}

/// <summary>The shape a giver writes feedback in. Each template names its parts (see <see cref="TemplateParts"/>).</summary>
public enum FeedbackTemplate
{
    /// <summary>One free-text field.</summary>
    Free,
    /// <summary>Situation – Behaviour – Impact, plus an optional suggestion.</summary>
    Sbi,
    /// <summary>Positive – constructive – positive.</summary>
    Sandwich,
    /// <summary>Start / Stop / Continue.</summary>
    StartStopContinue,
}

/// <summary>
/// The wire-neutral names of each template's parts. Adapters use them as field ids, the coach uses them to
/// know which part plays which role (an empty <see cref="Impact"/> is a missing "why").
/// </summary>
public static class TemplateParts
{
    public const string Text = "text";
    public const string Situation = "situation";
    public const string Behaviour = "behaviour";
    public const string Impact = "impact";
    public const string Suggestion = "suggestion";
    public const string Positive = "positive";
    public const string Constructive = "constructive";
    public const string Closing = "closing";
    public const string Start = "start";
    public const string Stop = "stop";
    public const string Continue = "continue";

    /// <summary>The parts of <paramref name="template"/>, in the order they are shown and read.</summary>
    public static IReadOnlyList<string> For(FeedbackTemplate template) => template switch
    {
        FeedbackTemplate.Sbi => [Situation, Behaviour, Impact, Suggestion],
        FeedbackTemplate.Sandwich => [Positive, Constructive, Closing],
        FeedbackTemplate.StartStopContinue => [Start, Stop, Continue],
        _ => [Text],
    };

    /// <summary>A human label for a part, for forms and delivered messages.</summary>
    public static string Label(string part) => part switch
    {
        Situation => "Situation",
        Behaviour => "Behaviour",
        Impact => "Impact",
        Suggestion => "Suggestion",
        Positive => "What went well",
        Constructive => "What could be better",
        Closing => "Keep it up",
        Start => "Start",
        Stop => "Stop",
        Continue => "Continue",
        _ => "Feedback",
    };
}
