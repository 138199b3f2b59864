using System.Text.RegularExpressions;
using FeedbackBot.Slack.Give;
using FeedbackBot.Slack.Text;

namespace FeedbackBot.Slack.Requests;

/// <summary>The request subcommands of <c>/feedback</c>, as <see cref="FeedbackCommandParser"/> returns them.</summary>
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
