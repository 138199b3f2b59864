using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FeedbackBot.Core.Requests;
using FeedbackBot.Slack.Api;
using FeedbackBot.Slack.Blocks;
using FeedbackBot.Slack.Give;
using FeedbackBot.Slack.Http;
using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Slack.Requests;

/// <summary>The request subcommands of <c>/feedback</c>; one base so the give handler routes them with a single arm.</summary>
public abstract record RequestCommandIntent : FeedbackCommandIntent;

/// <summary><c>/feedback request [@a @b] [question…]</c>: with people and a question, ask at once; otherwise open the modal.</summary>
public sealed record RequestIntent(IReadOnlyList<string> Recipients, string Question) : RequestCommandIntent;

/// <summary><c>/feedback pending</c>.</summary>
public sealed record PendingIntent : RequestCommandIntent;

/// <summary>The request part of the <c>/feedback</c> grammar (mentions arrive escaped as <c>&lt;@U…&gt;</c>, see the manifest).</summary>
public static partial class RequestCommandParser
{
    public const string Usage =
        "`/feedback request @someone your question…` – ask people for feedback (`/feedback request` alone opens the form)\n" +
        "`/feedback pending` – what you owe and what you're waiting for";

    [GeneratedRegex(@"^<@([UW][A-Z0-9]{1,30})(?:\|[^>]*)?>")]
    private static partial Regex UserMention();

    /// <summary><paramref name="word"/> is "request" or "pending"; <paramref name="rest"/> what follows it.</summary>
    public static FeedbackCommandIntent Parse(string word, string rest)
    {
        rest = rest.Trim();
        if (word == "pending")
        {
            return rest.Length == 0 ? new PendingIntent() : new FeedbackCommandIntent.Invalid("`/feedback pending` takes nothing after it.");
        }

        var recipients = new List<string>();
        while (UserMention().Match(rest) is { Success: true } match)
        {
            recipients.Add(match.Groups[1].Value);
            rest = rest[match.Length..].TrimStart(' ', ',', '\t', '\n');
        }

        if (recipients.Count == 0 && rest.Length > 0)
        {
            return new FeedbackCommandIntent.Invalid(rest.StartsWith("<!subteam", StringComparison.Ordinal)
                ? "Ask people, not groups: name each person with @."
                : "Name the people to ask first, e.g. `/feedback request @ana what should I change in my demo?`");
        }

        // Same inbound decoding as a quick give (Slack escaped the question): stored as typed, escaped once on output.
        return new RequestIntent(recipients.Distinct().ToArray(), SlackInbound.Decode(rest)!);
    }
}

/// <summary>Runs the request subcommands of <c>/feedback</c>.</summary>
public sealed class RequestCommands(RequestService service, RequestModalOpener opener, PendingOverview pending)
{
    // Two lists of at most 10 (two blocks per owed item) stay well under Slack's 50 blocks per message.
    private const int MaxPerList = 10;

    public async Task<IResult> HandleAsync(SlashCommand command, RequestCommandIntent intent, CancellationToken ct)
    {
        switch (intent)
        {
            case PendingIntent:
                var items = await pending.GetAsync(command.Person, ct);
                return items.IsEmpty
                    ? SlackReplies.Ephemeral("Nothing pending: you owe no answers and aren't waiting on any. `/feedback request` to ask for some.")
                    : SlackReplies.Ephemeral("Your pending requests", PendingText.Blocks(items, MaxPerList));

            case RequestIntent { Question.Length: 0 } open:
                var draft = RequestDraft.Empty with { Recipients = open.Recipients.Where(r => r != command.UserId).ToArray() };
                _ = opener.Open(command.Person, command.TriggerId, draft, command.ResponseUrl);
                return SlackReplies.Ack();

            case RequestIntent ask:
                return await AskAsync(command, ask);

            default:
                return SlackReplies.Ephemeral(RequestCommandParser.Usage);
        }
    }

    private async Task<IResult> AskAsync(SlashCommand command, RequestIntent ask)
    {
        var request = new RequestFeedbackCommand(command.Person,
            ask.Recipients.Select(r => SlackIds.Person(command.TeamId, r)).ToArray(), ask.Question);
        if (RequestService.QuickProblems(request) is { Count: > 0 } problems)
        {
            return SlackReplies.Ephemeral(string.Join("\n", problems.Select(RequestService.ProblemText)) + "\n\n" + RequestCommandParser.Usage);
        }

        // Storing is quick, but each recipient's DM is a Web API round trip: wait only as long as the ack allows.
        var outcome = await service.WithinBudgetAsync(
            (sp, ct) => RequestService.RunRequestAsync(sp, request, ct),
            (sp, late, ct) => sp.GetRequiredService<ResponseUrlClient>().PostAsync(command.ResponseUrl, command.Person,
                GiveService.EphemeralMessage(RequestService.Describe(late)), ct));
        return outcome is null
            ? SlackReplies.Ephemeral("Sending your request…")
            : SlackReplies.Ephemeral(RequestService.Describe(outcome));
    }
}

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
