using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Digest;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.Requests;
using FeedbackBot.Slack.Blocks;
using FeedbackBot.Slack.Text;

namespace FeedbackBot.Slack.Digest;

/// <summary>
/// Block Kit for <see cref="WeeklyDigestNotice"/>: received feedback, requests owed (each with "Give feedback"),
/// requests waiting, one person to thank or help, the streak, and the digest's own buttons. All user text is
/// escaped; anonymous excerpts carry no name. Lists are capped so the message stays under
/// <see cref="MaxBlocks"/> blocks whatever the week held.
/// </summary>
public static class DigestBlocks
{
    /// <summary>Slack's limit for a message is 50 blocks (a modal or App Home allows 100).</summary>
    public const int MaxBlocks = 50;

    // Each owed request takes one block; ten still fits with every other section present.
    public const int MaxOwedShown = 10;
    private const int MaxWaitingShown = 5;
    private const int MaxQuestion = 200;
    private const int MaxPendingNames = 5;

    public static (string Fallback, JsonArray Blocks) Render(WeeklyDigestNotice digest)
    {
        var blocks = new JsonArray(Bk.Header("Your week in feedback"));
        if (digest.NothingNew)
        {
            blocks.Add(Bk.Section("Nothing new this week: no feedback received and no requests open. A quick note to a teammate is a good way to start one."));
        }

        if (digest.ReceivedCount > 0)
        {
            blocks.Add(Bk.Section($"*You received {Count(digest.ReceivedCount, "piece")} of feedback this week.*"));
            foreach (var excerpt in digest.Latest)
            {
                blocks.Add(Bk.Section(Excerpt(excerpt)));
            }
        }

        if (digest.Owed.Count > 0)
        {
            blocks.Add(Bk.Divider());
            blocks.Add(Bk.Section($"*{Count(digest.Owed.Count, "teammate")} waiting on your feedback*"));
            foreach (var owed in digest.Owed.Take(MaxOwedShown))
            {
                blocks.Add(Bk.Section(
                    $"{Mrkdwn.Mention(owed.Requester.UserId)} asked: {Mrkdwn.Safe(owed.Question, MaxQuestion)}\nDue {SlackDate(owed.DueAt)}",
                    Bk.Button("Give feedback", Requests.RequestGiveAction.ActionId, owed.RequestId, "primary"),
                    blockId: $"owed_{owed.RequestId}"));
            }

            if (digest.Owed.Count > MaxOwedShown)
            {
                blocks.Add(Bk.Context($"…and {digest.Owed.Count - MaxOwedShown} more. `/feedback pending` lists them all."));
            }
        }

        if (digest.Waiting.Count > 0)
        {
            blocks.Add(Bk.Divider());
            var text = new StringBuilder($"*Your requests still waiting ({digest.Waiting.Count})*");
            foreach (var waiting in digest.Waiting.Take(MaxWaitingShown))
            {
                text.Append("\n• ").Append(Mrkdwn.Safe(waiting.Question, MaxQuestion))
                    .Append(" (").Append(waiting.Tally.Answered).Append(" of ").Append(waiting.Tally.Total).Append(" answered");
                // No names when an answer was anonymous (StillPending is null): the rest would name the answerer.
                if (waiting.StillPending is { Count: > 0 } pending)
                {
                    text.Append("; waiting for ").Append(string.Join(", ", pending.Take(MaxPendingNames).Select(p => Mrkdwn.Mention(p.UserId))));
                    if (pending.Count > MaxPendingNames)
                    {
                        text.Append(" and ").Append(pending.Count - MaxPendingNames).Append(" more");
                    }
                }

                text.Append(", due ").Append(SlackDate(waiting.DueAt)).Append(')');
            }

            if (digest.Waiting.Count > MaxWaitingShown)
            {
                text.Append("\n…and ").Append(digest.Waiting.Count - MaxWaitingShown).Append(" more.");
            }

            blocks.Add(Bk.Section(text.ToString()));
        }

        if (digest.Suggestion is { } suggestion)
        {
            blocks.Add(Bk.Divider());
            var title = suggestion.Kind switch
            {
                SuggestionKind.HelpAsker => "Someone to help",
                SuggestionKind.ThankGiver => "Someone to thank",
                _ => "Someone to give feedback to",
            };
            blocks.Add(Bk.Section(
                $"*{title}:* {Mrkdwn.Mention(suggestion.Person.UserId)} {Mrkdwn.Safe(suggestion.Because, 500)}",
                suggestion is { Kind: SuggestionKind.HelpAsker, RequestId: { } requestId }
                    ? Bk.Button("Give feedback", Requests.RequestGiveAction.ActionId, requestId)
                    : Bk.Button(suggestion.Kind == SuggestionKind.ThankGiver ? "Say thanks" : "Give feedback",
                        DigestGiveAction.ActionId, DigestGiveAction.ForPerson(suggestion)),
                blockId: "suggestion"));
        }

        if (digest.DueCheckIns.Count > 0)
        {
            blocks.Add(Bk.Divider());
            blocks.Add(Bk.Section($":seedling: *{Core.Growth.GrowthWords.CheckInsThisWeek}* ({Core.Growth.GrowthWords.OnlyYouSeeThese})\n{string.Join("\n", digest.DueCheckIns.Take(5).Select(t => "• " + Mrkdwn.Safe(t, 200)))}", blockId: "checkins"));
        }

        if (digest.Usefulness is { } useful)
        {
            blocks.Add(Bk.Context(Usefulness(useful), "usefulness"));
        }

        blocks.Add(Bk.Context(Streak(digest.Streak), "streak"));
        blocks.Add(Bk.Actions("digest_actions",
            Bk.Button("Give feedback", DigestGiveAction.ActionId, DigestGiveAction.Blank),
            Bk.Button("Snooze this week", DigestSnoozeAction.ActionId, digest.WeekKey),
            Bk.Button("Change day/time", DigestSettingsAction.ActionId),
            Bk.Button("Turn off", DigestTurnOffAction.ActionId, style: "danger")));

        return (Fallback(digest), blocks);
    }

    private static string Excerpt(DigestExcerpt excerpt)
    {
        var who = excerpt.From is { } from ? Mrkdwn.Mention(from.UserId) : "Someone (anonymous)";
        var kind = excerpt.Kind == FeedbackKind.Praise ? "praise" : "something to improve";
        return $"{who} · {kind} · {SlackDate(excerpt.At)}\n{Mrkdwn.Quote(Mrkdwn.Safe(excerpt.Text, 1000))}";
    }

    // Counts and a reason only: the summary carries no rater, and exists only with enough different raters.
    private static string Usefulness(Core.Ratings.UsefulnessSummary useful) => ":bar_chart: " + Core.Growth.GrowthWords.Usefulness(useful);

    private static string Streak(FeedbackStreak streak) => streak switch
    {
        { Weeks: 0 } => ":seedling: Give one piece of feedback this week to start a streak.",
        { IncludesThisWeek: true } => $":fire: {Count(streak.Weeks, "week")} in a row with feedback given. Nice.",
        _ => $":hourglass_flowing_sand: Your streak is {Count(streak.Weeks, "week")}: give feedback this week to keep it going.",
    };

    // The notification preview: counts only, never excerpts, so nothing private shows on a lock screen.
    private static string Fallback(WeeklyDigestNotice digest) => digest.NothingNew
        ? "Your weekly feedback digest: nothing new this week."
        : $"Your weekly feedback digest: {Count(digest.ReceivedCount, "feedback")} received, {digest.Owed.Count} to answer, {digest.Waiting.Count} waiting.";

    /// <summary>
    /// Slack's date token renders in the reader's own time zone (the notice carries none); the part after
    /// <c>|</c> is the fallback for clients that cannot.
    /// </summary>
    private static string SlackDate(DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"<!date^{at.ToUnixTimeSeconds()}^{{date_short_pretty}}|{at.UtcDateTime:ddd d MMM}>");

    private static string Count(int n, string noun) => noun == "feedback"
        ? $"{n} feedback"
        : $"{n} {noun}{(n == 1 ? "" : "s")}";
}
