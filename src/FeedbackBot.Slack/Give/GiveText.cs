using FeedbackBot.Core;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.People;
using FeedbackBot.Slack.Text;

namespace FeedbackBot.Slack.Give;

/// <summary>What the giver reads about a give: outcome sentences and problem sentences, user text escaped once.</summary>
public static class GiveText
{
    /// <summary>The giver-facing sentence for an outcome; user-provided names are escaped.</summary>
    public static string Describe(GiveOutcome outcome, IReadOnlyList<PersonRef> recipients)
    {
        if (outcome.Failure is SaveUnconfirmedException)
        {
            return UnconfirmedText;
        }

        if (outcome.Failure is not null)
        {
            return ":warning: I couldn't save your feedback just now, so nothing was sent. Please try again in a moment.";
        }

        if (outcome.Duplicate)
        {
            return "I already have this one; it goes out once.";
        }

        var result = outcome.Result!;
        if (result.Succeeded)
        {
            var names = string.Join(", ", result.Created.Select(i => Mrkdwn.Mention(i.Recipient.UserId)));
            return $":outbox_tray: Saved. Your feedback to {names} is on its way; I'll let you know when it's delivered.";
        }

        return Problems(result.Problems);
    }

    /// <summary>Storage failed and could not say whether the feedback was saved: the giver waits for "delivered".</summary>
    public const string UnconfirmedText =
        ":hourglass_flowing_sand: Storage is very slow right now and I couldn't confirm your feedback was saved. If it was, it will still be delivered and I'll tell you when it is. Please wait for that before sending it again.";

    /// <summary>"I didn't send it:" and one line per problem.</summary>
    public static string Problems(IEnumerable<GiveProblem> problems) =>
        "I didn't send it:\n" + string.Join("\n", problems.Select(p => "• " + ProblemText(p)));

    /// <summary>A problem sentence; it names the person with a real mention built from their id.</summary>
    public static string ProblemText(GiveProblem problem) =>
        problem.Code is GiveProblemCode.UnknownPerson && problem.Person is { } p
            ? $"I couldn't find {Mrkdwn.Mention(p.UserId)} in this workspace."
            : Mrkdwn.Escape(problem.Message);

    /// <summary>A problem as a modal field error: Slack shows those as plain text, so nothing is escaped.</summary>
    public static string PlainProblem(GiveProblem problem) =>
        problem.Code == GiveProblemCode.UnknownPerson ? "One of these people isn't in this workspace." : problem.Message;

    /// <summary>An ephemeral response_url message.</summary>
    public static JsonObject EphemeralMessage(string escapedText, bool replaceOriginal = false) => new()
    {
        ["response_type"] = "ephemeral",
        ["replace_original"] = replaceOriginal,
        ["text"] = escapedText,
    };
}
