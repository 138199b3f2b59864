using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Ratings;

namespace FeedbackBot.Core.Growth;

/// <summary>
/// The growth loop's sentences, the same on every platform. They hold no markup: where a sentence carries user text
/// (a commitment) or a date, the adapter passes it in already formatted and escaped its own way (Slack mrkdwn, a
/// Teams TextRun), so each adapter escapes user text once and only the layout differs.
/// </summary>
public static class GrowthWords
{
    public const string ReflectButton = "Reflect";
    public const string ReflectTitle = "What will you try?";
    public const string ReflectPlaceholder = "e.g. delegate the weekly report to Sam";
    public const string ThemePlaceholder = "e.g. delegation, speaking up";
    public const string CheckInLabel = "Check in with me";
    public const string CheckInHint = "I'll ask how it's going in your working hours. Only you see your commitments.";

    /// <summary>The check-in choices of the Reflect form, in the order shown (two weeks is the default).</summary>
    public static IReadOnlyList<(CheckInChoice Choice, string Label)> CheckInChoices { get; } =
    [
        (CheckInChoice.OneWeek, "In 1 week"),
        (CheckInChoice.TwoWeeks, "In 2 weeks"),
        (CheckInChoice.OneMonth, "In 1 month"),
        (CheckInChoice.None, "No check-in"),
    ];

    public const CheckInChoice DefaultCheckIn = CheckInChoice.TwoWeeks;

    /// <summary>Why the form suggests a theme: the word of the feedback that suggested it.</summary>
    public static string SuggestedBecause(ThemeSuggestion suggestion) =>
        $"Suggested because the feedback mentions “{suggestion.Because}”. Change or clear it as you like.";

    /// <summary>"Saved, only for you: {what}. I'll check in {when}." (<paramref name="when"/> e.g. "on Mon 1 Dec").</summary>
    public static string Saved(string what, string? when) =>
        $"Saved, only for you: {what}." + (when is null ? "" : $" I'll check in {when}.");

    /// <summary>"Two weeks ago you planned to {what}. How is it going?"</summary>
    public static string CheckInQuestion(CommitmentCheckInNotice notice, string what) =>
        $"{notice.Ago} you planned to {what}. How is it going?";

    public const string GoingWellButton = "Going well";
    public const string NotYetButton = "Not yet";
    public const string DoneButton = "Done";

    /// <summary>What an outcome button recorded; <paramref name="nextCheckIn"/> (e.g. "on Mon 1 Dec") for "not yet".</summary>
    public static string OutcomeNoted(CommitmentOutcome outcome, string what, string? nextCheckIn) => outcome switch
    {
        CommitmentOutcome.GoingWell => $"Going well: {what}. Nice — noted.",
        CommitmentOutcome.Done => $"Done: {what}. Noted, well done.",
        _ => $"Not yet: {what}. No problem — I'll check in again {nextCheckIn}.",
    };

    /// <summary>A commitment's outcome in a list: "open", "going well", "not yet", "done".</summary>
    public static string Outcome(CommitmentOutcome outcome) => outcome switch
    {
        CommitmentOutcome.GoingWell => "going well",
        CommitmentOutcome.NotYet => "not yet",
        CommitmentOutcome.Done => "done",
        _ => "open",
    };

    /// <summary>The ask-the-giver form's lead: "I'll ask {giver} for feedback, as a normal request…".</summary>
    public static string AskGiverLead(string giver) =>
        $"I'll ask {giver} for feedback, as a normal request. They can answer or decline.";

    public const string ReviewPrepTitle = "Review prep";
    public const string ReviewPrepEmpty = "Nothing in this period yet. Ask a few people for feedback before your review.";
    public const string WithoutTheme = "Without a theme";
    public const string FreshFeedbackButton = "Ask for fresh feedback before your review";

    /// <summary>The question "Ask for fresh feedback before your review" starts the request form with.</summary>
    public const string FreshFeedbackQuestion =
        "My review is coming up. What is one thing I did well lately, and one thing I could do differently?";

    /// <summary>The answer to a period review prep cannot read.</summary>
    public static string UnreadablePeriod(string since, string example1, string example2) =>
        $"I couldn't read “{since}” as a period. Try {example1} or {example2}.";

    /// <summary>The growth overview (Slack's Home section, Teams' <c>growth</c> card) and the inbox's growth lines.</summary>
    public const string YourGrowth = "Your growth";
    public const string YourThemes = "Your themes";
    public const string OpenCommitments = "Open commitments";
    public const string GrowthEmpty =
        "No themes or commitments yet. Reflect on feedback you receive to make one: the Reflect button is on each feedback.";

    /// <summary>"…and 3 more." under a list cut short.</summary>
    public static string AndMore(int more) => $"…and {more} more.";

    /// <summary>The digest's section of commitments whose check-in falls in the coming week.</summary>
    public const string CheckInsThisWeek = "Check-ins this week";
    public const string OnlyYouSeeThese = "only you see these";

    /// <summary>
    /// The useful-rating aggregate as the giver reads it (digest, growth overview): counts and the most valued reason,
    /// never who rated. Core only builds it with enough different raters (<see cref="UsefulnessSummary"/>).
    /// </summary>
    public static string Usefulness(UsefulnessSummary useful) =>
        $"In the last 30 days your feedback was rated helpful {useful.Helpful} of {useful.Rated} time{(useful.Rated == 1 ? "" : "s")}"
        + (useful.MostValued is { } reason ? $"; most valued: {UsefulRating.Label(reason)}." : ".");

    /// <summary>"Was it useful?" under delivered feedback.</summary>
    public const string UsefulQuestion = "Was it useful? Only you see your answer; you can change it.";
    public const string HelpfulButton = "Helpful";
    public const string NotHelpfulButton = "Not really";

    /// <summary>What a rating noted; <paramref name="rating"/> is "helpful" / "not really" as the adapter emphasises it.</summary>
    public static string NotedHelpful(string rating = "helpful") =>
        $"Noted: {rating}. Only you see this. What made it useful? Tap any that apply (tap again to remove).";

    /// <inheritdoc cref="NotedHelpful"/>
    public static string NotedNotHelpful(string rating = "not really") =>
        $"Noted: {rating}. Only you see this; the giver never learns how you rated it.";
    public const string OnlyRecipientRates = "Only the person who received this feedback can rate it.";

    /// <summary>The reasons, in the order shown.</summary>
    public static IReadOnlyList<UsefulReason> Reasons { get; } = Enum.GetValues<UsefulReason>();
}
