using System.Text.Json.Nodes;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Requests;
using FeedbackBot.Teams.Activities;
using FeedbackBot.Teams.Cards;
using FeedbackBot.Teams.Connector;
using FeedbackBot.Teams.Delivery;
using FeedbackBot.Teams.Inbound;
using FeedbackBot.Teams.People;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Teams.Requests;

/// <summary>
/// <c>request @a @b question…</c>: the people are the message's <c>mention</c> entities, the question the rest of
/// the text. Teams gets its 200 at once; resolving the mentions (a members lookup for people the bot has not met)
/// and Core's request (one prompt per person) run after, and the outcome is replied into the same conversation.
/// Without a question, the request form (people prefilled from the mentions).
/// </summary>
public sealed class RequestCommand(TeamsRequestRunner runner, TeamsPeopleResolver resolver, TeamsBackground background) : ITeamsCommand
{
    public const string Name = "request";

    public async Task HandleAsync(TeamsTurn turn, string arguments, CancellationToken ct)
    {
        if (turn.Sender is not { } requester)
        {
            await turn.ReplyAsync(RequestCards.Notice("I can't tell who you are in Teams, so I can't ask for you."), ct);
            return;
        }

        var mentioned = TeamsPeopleResolver.Mentioned(turn.Activity);
        var question = TeamsPeopleResolver.WithoutMentions(arguments, turn.Activity);
        if (question.Length == 0)
        {
            var picked = await resolver.ResolveMentionsAsync(turn.Activity, mentioned, ct);
            var others = picked.People.Where(p => p != requester).ToArray();
            var form = RequestCards.Form(new RequestForm(await PickedAsync(others, ct), "", await runner.DefaultDueDateAsync(requester, ct)));
            await turn.ReplyAsync(form, ct);
            return;
        }

        background.Start($"request from {requester}", async (services, workCt) =>
        {
            var work = services.GetRequiredService<TeamsRequestRunner>();
            var people = await services.GetRequiredService<TeamsPeopleResolver>().ResolveMentionsAsync(turn.Activity, mentioned, workCt);
            var outcome = await work.RunAsync(new RequestFeedbackCommand(requester, people.People, question), people.Unreachable, workCt);
            await turn.ReplyAsync(await work.CardAsync(outcome, workCt), workCt);
        });
    }

    private async Task<IReadOnlyList<(string Id, string Name)>> PickedAsync(IReadOnlyList<PersonRef> people, CancellationToken ct)
    {
        var picked = new List<(string, string)>();
        foreach (var person in people)
        {
            picked.Add((person.UserId, await runner.NameAsync(person, ct)));
        }

        return picked;
    }
}

/// <summary>
/// The request form's "Ask" (<c>Action.Execute</c>). Checks that need no lookup answer at once with the form and
/// its problems; otherwise the card becomes "Asking…" and Core's request runs after the answer, then the card is
/// updated in place with what happened (a new message if Teams gave no card id).
/// </summary>
public sealed class RequestSubmitAction(TeamsRequestRunner runner, TeamsPeopleResolver resolver, TeamsBackground background) : ITeamsCardAction
{
    public const string Verb = "request.submit";

    public async Task<InvokeResponse> HandleAsync(TeamsTurn turn, JsonObject data, CancellationToken ct)
    {
        var (response, start) = await RequestSubmission.AcceptAsync(turn, data, inDialog: false, runner, resolver, ct);
        if (start is null)
        {
            return CardActionResponse.Card(response);
        }

        background.Start($"request from {turn.Sender}", async (services, workCt) =>
        {
            var work = services.GetRequiredService<TeamsRequestRunner>();
            var card = await work.CardAsync(await start(work, workCt), workCt);
            var activity = turn.Activity;
            try
            {
                if (activity.ReplyToId is { Length: > 0 } cardId)
                {
                    await services.GetRequiredService<TeamsConnectorClient>().UpdateAsync(activity.ServiceUrl!, activity.Conversation!.Id!, cardId, TeamsMessenger.CardActivity(card), workCt);
                    return;
                }
            }
            catch (ConnectorException ex)
            {
                // The card is gone or cannot be changed: say it in a new message rather than leave "Asking…".
                services.GetRequiredService<ILogger<RequestSubmitAction>>().LogInformation(ex, "Request card {CardId} not updated; replying instead", activity.ReplyToId);
            }

            await turn.ReplyAsync(card, workCt);
        });
        return CardActionResponse.Card(response);
    }
}

/// <summary>What a submitted request form leads to, shared by the chat card and the message extension's dialog.</summary>
public static class RequestSubmission
{
    /// <summary>
    /// Reads and checks a submitted form. Returns the card to answer with: the form again with its problems (and no
    /// work), the outcome when nobody named can be reached, or "Asking…" with the work that sends the request.
    /// </summary>
    public static async Task<(JsonObject Card, Func<TeamsRequestRunner, CancellationToken, Task<RequestOutcome>>? Start)> AcceptAsync(
        TeamsTurn turn, JsonObject data, bool inDialog, TeamsRequestRunner runner, TeamsPeopleResolver resolver, CancellationToken ct)
    {
        if (turn.Sender is not { } requester)
        {
            return (RequestCards.Notice("I can't tell who you are in Teams, so I can't ask for you."), null);
        }

        var form = RequestCards.ReadForm(data, requester.WorkspaceId);
        var people = await resolver.ResolveIdsAsync(requester.WorkspaceId, form.Ids, ct);
        var command = new RequestFeedbackCommand(requester, people.People, form.Question, form.Source, form.Due);
        var problems = RequestFeedback.Check(command)
            .Where(p => !(p.Code == RequestProblemCode.NoRecipients && people.Unreachable.Count > 0))
            .Select(p => p.Message).ToArray();
        if (problems.Length > 0)
        {
            return (RequestCards.Form(form, inDialog, problems), null);
        }

        if (people.People.Count == 0)
        {
            return (await runner.CardAsync(new RequestOutcome(null, null, people.Unreachable), ct), null);
        }

        return (RequestCards.Sending(people.People.Count), (work, workCt) => work.RunAsync(command, people.Unreachable, workCt));
    }
}
