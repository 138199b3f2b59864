using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;

namespace FeedbackBot.Core.Growth;

/// <summary>When to ask how a commitment is going, counted from the day it was made (or re-planned).</summary>
public enum CheckInChoice
{
    None,
    OneWeek,
    TwoWeeks,
    OneMonth,
}

/// <summary>
/// A private commitment ("what will you try?"), owned by one person: what they plan, the theme and the received
/// feedback it answers (by id only: the giver is read from the feedback when needed, so an anonymous giver is never
/// copied here), when to check in, and what it came to. <see cref="CheckInAt"/> is the next check-in (null: none
/// planned); <see cref="CheckInAttemptFor"/> records that a check-in planned for that instant started to be sent, so a
/// crash mid-send is followed by a look on the platform instead of a second message. <see cref="RequestIds"/> are the
/// requests made from its check-ins ("ask the giver how it looks now").
/// </summary>
public sealed record Commitment(
    string Id,
    PersonRef Owner,
    string Text,
    string? ThemeId,
    string? FeedbackId,
    DateTimeOffset CreatedAt,
    CheckInChoice CheckIn,
    DateTimeOffset? CheckInAt,
    CommitmentOutcome Outcome = CommitmentOutcome.Open,
    DateTimeOffset? OutcomeAt = null,
    int CheckInsSent = 0,
    DateTimeOffset? LastCheckInAt = null,
    DateTimeOffset? CheckInAttemptFor = null,
    IReadOnlyList<string>? RequestIds = null)
{
    public const int MaxTextLength = 500;

    /// <summary>Open or not yet done: shown in Home and the inbox, and may still be checked in on.</summary>
    public bool IsOpen => Outcome != CommitmentOutcome.Done;

    public IReadOnlyList<string> Requests => RequestIds ?? [];

    public CommitmentView ToView() => new(Id, Text, ThemeId, FeedbackId, CreatedAt, CheckInAt, Outcome, OutcomeAt);
}
