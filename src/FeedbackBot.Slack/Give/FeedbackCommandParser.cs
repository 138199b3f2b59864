using System.Text.RegularExpressions;
using FeedbackBot.Slack.Text;

namespace FeedbackBot.Slack.Give;

/// <summary>What <c>/feedback …</c> asked for.</summary>
public abstract record FeedbackCommandIntent
{
    /// <summary>Open the Give modal, with recipients picked already when the text named them.</summary>
    public sealed record OpenGive(IReadOnlyList<string> Recipients) : FeedbackCommandIntent;

    /// <summary><c>/feedback @a @b text…</c>.</summary>
    public sealed record QuickGive(IReadOnlyList<string> Recipients, string Text) : FeedbackCommandIntent;

    public sealed record Inbox : FeedbackCommandIntent;

    public sealed record Help : FeedbackCommandIntent;

    /// <summary><c>/feedback settings</c>: the settings modal.</summary>
    public sealed record Settings : FeedbackCommandIntent;

    /// <summary>Not understood; <see cref="Problem"/> is plain text for the person.</summary>
    public sealed record Invalid(string Problem) : FeedbackCommandIntent;
}

/// <summary>
/// The <c>/feedback</c> grammar. The manifest sets <c>should_escape: true</c>, so Slack sends picked people
/// as <c>&lt;@U123&gt;</c> or <c>&lt;@U123|name&gt;</c>; a bare "@name" means the person typed it without
/// picking, and we cannot resolve it safely.
/// </summary>
public static partial class FeedbackCommandParser
{
    public const string Usage =
        "`/feedback` or `/feedback give` – open the feedback form\n" +
        "`/feedback @someone your feedback…` – send a quick note (you can name several people)\n" +
        "`/feedback inbox` – see the latest feedback you received (only you see it)\n" +
        Requests.RequestCommandParser.Usage + "\n" +
        Growth.GrowthCommandParser.Usage + "\n" +
        Web.WebSubcommand.Usage + "\n" +
        "`/feedback settings` – weekly digest day and time, working hours, reminders, anonymous feedback\n" +
        DataRights.DataRightsCommandParser.Usage + "\n" +
        "React with the feedback emoji (:speech_balloon: unless your admin chose another) to a message to ask for or give feedback on it; "
        + "this works only in channels I'm in, so `/invite` me first\n" +
        "`/feedback help` – this help";

    [GeneratedRegex(@"^<@([UW][A-Z0-9]{1,30})(?:\|[^>]*)?>")]
    private static partial Regex UserMention();

    public static FeedbackCommandIntent Parse(string? text)
    {
        var rest = (text ?? "").Trim();
        var word = FirstWord(rest);
        switch (word.ToLowerInvariant())
        {
            case "":
                return new FeedbackCommandIntent.OpenGive([]);
            case "help" or "?":
                return new FeedbackCommandIntent.Help();
            case "inbox" or "received":
                return rest.Length == word.Length
                    ? new FeedbackCommandIntent.Inbox()
                    : new FeedbackCommandIntent.Invalid("`/feedback inbox` takes nothing after it.");
            case "request" or "pending":
                return Requests.RequestCommandParser.Parse(word.ToLowerInvariant(), rest[word.Length..]);
            case Growth.GrowthCommandParser.Word:
                return Growth.GrowthCommandParser.Parse(rest[word.Length..]);
            case Web.WebSubcommand.Word:
                return Web.WebSubcommand.Parse(rest[word.Length..]);
            case DataRights.DataRightsCommandParser.Export or DataRights.DataRightsCommandParser.DeleteMyData:
                return DataRights.DataRightsCommandParser.Parse(word.ToLowerInvariant(), rest[word.Length..]);
            case Admin.AdminCommandParser.Word:
                return Admin.AdminCommandParser.Parse(rest[word.Length..]);
            case "settings" or "preferences":
                return rest.Length == word.Length
                    ? new FeedbackCommandIntent.Settings()
                    : new FeedbackCommandIntent.Invalid("`/feedback settings` takes nothing after it.");
            case "give":
                rest = rest[word.Length..].TrimStart();
                if (rest.Length == 0)
                {
                    return new FeedbackCommandIntent.OpenGive([]);
                }

                break;
        }

        var recipients = new List<string>();
        while (true)
        {
            var match = UserMention().Match(rest);
            if (!match.Success)
            {
                break;
            }

            recipients.Add(match.Groups[1].Value);
            rest = rest[match.Length..].TrimStart(' ', ',', '\t', '\n');
        }

        if (recipients.Count == 0)
        {
            var first = SlackInbound.ToPlain(SlackInbound.Decode(FirstWord(rest)));
            return new FeedbackCommandIntent.Invalid(first switch
            {
                _ when rest.StartsWith("<!subteam", StringComparison.Ordinal) => "Feedback goes to people, not groups: name each person with @.",
                _ when first.StartsWith('@') => $"I couldn't tell who {first} is. Type @ and pick the person from the list so Slack links their name.",
                _ => $"I don't know \"{Mrkdwn.Truncate(first, 40)}\".",
            });
        }

        // Slack escaped the text and wrote picked people as <@U…|name>: decode once, here, so what is stored is what
        // the giver typed (escaped again exactly once when it goes out).
        return rest.Length == 0
            ? new FeedbackCommandIntent.OpenGive(recipients.Distinct().ToArray())
            : new FeedbackCommandIntent.QuickGive(recipients.Distinct().ToArray(), SlackInbound.Decode(rest)!);
    }

    private static string FirstWord(string text)
    {
        var end = text.IndexOfAny([' ', '\t', '\n']);
        return end < 0 ? text : text[..end];
    }
}
