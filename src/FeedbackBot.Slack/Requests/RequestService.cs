using FeedbackBot.Core;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Requests;
using FeedbackBot.Slack.Give;
using FeedbackBot.Slack.Text;

namespace FeedbackBot.Slack.Requests;

/// <summary>What a request ended with: Core's result, or the Slack failure (users.info, DMs) that stopped it.</summary>
public sealed record RequestOutcome(RequestFeedbackResult? Result, Exception? Failure)
{
    public bool Succeeded => Result is { Succeeded: true };
}

/// <summary>What the requester and the people asked read about requests: outcomes, problems, refusals.</summary>
public static class RequestService
{
    /// <summary>The requester-facing sentence for an outcome; names come from ids, user text is escaped.</summary>
    public static string Describe(RequestOutcome outcome)
    {
        if (outcome.Failure is SaveUnconfirmedException)
        {
            return ":hourglass_flowing_sand: Storage is very slow right now and I couldn't confirm your request was saved. If it was, the people you picked will still be asked. Please check `/feedback pending` in a few minutes before asking again.";
        }

        if (outcome.Failure is not null)
        {
            return ":warning: I couldn't save your request just now, so nobody was asked. Please try again in a moment.";
        }

        var result = outcome.Result!;
        if (!result.Succeeded)
        {
            return "I didn't send your request:\n" + string.Join("\n", result.Problems.Select(p => "• " + ProblemText(p)));
        }

        var request = result.Created!;
        var reached = request.Recipients.Select(r => r.Person).Except(result.NotReached).Select(p => Mrkdwn.Mention(p.UserId)).ToArray();
        var text = reached.Length > 0
            ? $":mailbox_with_mail: I asked {string.Join(", ", reached)} for feedback, due {RequestText.When(request.DueAt)}. I'll tell you as answers come in."
            : ":warning: I saved your request but couldn't reach anyone.";
        if (result.NotReached.Count > 0)
        {
            text += $"\nI couldn't reach {string.Join(", ", result.NotReached.Select(p => Mrkdwn.Mention(p.UserId)))}; they'll see it in `/feedback pending`.";
        }

        return text;
    }

    /// <summary>A problem sentence naming the person by a mention built from their id.</summary>
    public static string ProblemText(RequestProblem problem) => problem switch
    {
        { Code: RequestProblemCode.UnknownPerson, Person: { } p } => $"I couldn't find {Mrkdwn.Mention(p.UserId)} in this workspace.",
        _ => Mrkdwn.Escape(problem.Message),
    };

    /// <summary>
    /// Why someone may not act on a request, or null when they are a pending recipient. Someone else's request gets
    /// the very words of a missing one: ids arrive in button values and metadata, which a workspace member can
    /// shape, and the answer must not tell them whether a guessed id exists.
    /// </summary>
    public static string? Refusal(FeedbackRequest? request, Core.People.PersonRef person) => request?.RecipientFor(person) switch
    {
        _ when request is null => NotFound,
        null => NotFound,
        { IsOpen: false } => "This request isn't waiting on you any more: you answered or declined it, or it expired.",
        _ => null,
    };

    /// <summary>The one answer for a request id that is missing or not the clicker's.</summary>
    public const string NotFound = "I can't find that request any more.";

    internal static JsonObject Ephemeral(string escapedText) => GiveText.EphemeralMessage(escapedText);
}
