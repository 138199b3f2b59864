using System.Text.Json.Nodes;
using FeedbackBot.Core.Requests;
using FeedbackBot.Slack.Blocks;
using FeedbackBot.Slack.Text;

namespace FeedbackBot.Slack.Requests;

/// <summary>What you owe and what you wait for, as blocks for <c>/feedback pending</c> and App Home.</summary>
public static class PendingText
{
    public static JsonArray Blocks(PendingItems items, int maxPerList)
    {
        var blocks = new JsonArray(Bk.Section("*You owe*"));
        if (items.Owed.Count == 0)
        {
            blocks.Add(Bk.Context("Nobody is waiting on you."));
        }

        foreach (var (owed, i) in items.Owed.Take(maxPerList).Select((o, i) => (o, i)))
        {
            var snoozed = owed.SnoozedUntil is { } s ? $" · snoozed until {RequestText.When(s)}" : "";
            var source = RequestText.SourceLine(owed.Source) is { } line ? "\n" + line : "";
            blocks.Add(Bk.Section($"{Mrkdwn.Mention(owed.Requester.UserId)} asks, by {RequestText.When(owed.DueAt)}{snoozed}:\n"
                + Mrkdwn.Quote(Mrkdwn.Safe(owed.Question, 500)) + source));
            blocks.Add(RequestText.Buttons(owed.RequestId, $"owed_{i}"));
        }

        blocks.Add(Bk.Section("*You're waiting for*"));
        if (items.Waiting.Count == 0)
        {
            blocks.Add(Bk.Context("No open requests of yours."));
        }

        foreach (var waiting in items.Waiting.Take(maxPerList))
        {
            // StillPending is null after an anonymous answer: naming who is left would name who answered.
            var who = waiting.StillPending is { Count: > 0 } left
                ? " · waiting for " + string.Join(", ", left.Select(p => Mrkdwn.Mention(p.UserId)))
                : "";
            blocks.Add(Bk.Section($"{Mrkdwn.Quote(Mrkdwn.Safe(waiting.Question, 300))}\n"
                + $"{RequestText.Tally(waiting.Tally)} Due {RequestText.When(waiting.DueAt)}{who}"));
        }

        return blocks;
    }
}
