using System.Text.Json.Nodes;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Requests;
using FeedbackBot.Teams.Activities;
using FeedbackBot.Teams.Cards;
using FeedbackBot.Core.Ports;
using FeedbackBot.Teams.Delivery;
using FeedbackBot.Teams.Inbound;
using FeedbackBot.Teams.People;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Teams.Requests;

/// <summary>
/// <c>request @a @b question…</c>: the people are the message's <c>mention</c> entities, the question the rest of
/// the text. The request is stored as durable work (<see cref="RequestWork"/>) before Teams gets its 200; resolving
/// the mentions (a members lookup for people the bot has not met) and Core's request run in the job, and the
/// outcome is replied into the same conversation. If the work cannot be stored, the requester is told that nobody
/// was asked. Without a question, the request form (people prefilled from the mentions).
/// </summary>
public sealed class RequestCommand(TeamsRequestRunner runner, TeamsPeopleResolver resolver, IBackgroundWork work, ILogger<RequestCommand> logger) : ITeamsCommand
{
    public const string Name = "request";

    public async Task HandleAsync(TeamsTurn turn, string arguments, CancellationToken ct)
    {
        if (turn.Sender is not { } requester)
        {
            await turn.ReplyAsync(RequestCards.Notice("I can't tell who you are in Teams, so I can't ask for you."), ct);
            return;
        }

        var activity = turn.Activity;
        var mentioned = resolver.MentionedIn(activity);
        var question = TeamsPeopleResolver.WithoutMentions(arguments, activity);
        if (question.Length == 0)
        {
            var picked = PeopleContext.Of(activity) is { } where ? await resolver.ResolveAsync(where, mentioned, ct) : ResolvedPeople.None;
            var others = picked.People.Where(p => p != requester).ToArray();
            var form = RequestCards.Form(new RequestForm(await PickedAsync(others, ct), "", await runner.DefaultDueDateAsync(requester, ct)));
            await turn.ReplyAsync(form, ct);
            return;
        }

        // Once per activity: Teams may deliver the same message again; its id makes the second run a no-op.
        var item = new RequestWorkItem
        {
            Id = "activity-" + (activity.Id ?? Guid.NewGuid().ToString("N")),
            Requester = requester.Key,
            ServiceUrl = activity.ServiceUrl!,
            Question = question,
            Mentioned = mentioned,
            MembersOf = TeamsPeopleResolver.MembersConversation(activity),
            ConversationId = activity.Conversation?.Id,
            ReplyToId = activity.Id,
        };
        if (!await work.TryEnqueueAsync(RequestWork.Kind, RequestWork.Payload(item), logger, ct))
        {
            await turn.ReplyAsync(RequestCards.Notice(RequestWork.NotSavedText), ct);
        }
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
/// its problems; otherwise the request is stored as durable work (<see cref="RequestWork"/>), the card becomes
/// "Asking…", and the job updates it in place with what happened (a new message if Teams gave no card id).
/// </summary>
public sealed class RequestSubmitAction(TeamsRequestRunner runner, TeamsPeopleResolver resolver, IBackgroundWork work, ILogger<RequestSubmitAction> logger) : ITeamsCardAction
{
    public const string Verb = "request.submit";

    public async Task<InvokeResponse> HandleAsync(TeamsTurn turn, JsonObject data, CancellationToken ct)
    {
        var accepted = await RequestSubmission.AcceptAsync(turn, data, inDialog: false, runner, resolver, ct);
        if (accepted.Work is not { } item)
        {
            return CardActionResponse.Card(accepted.Card);
        }

        var activity = turn.Activity;
        item = item with { ConversationId = activity.Conversation?.Id, CardId = activity.ReplyToId };
        return CardActionResponse.Card(await work.TryEnqueueAsync(RequestWork.Kind, RequestWork.Payload(item), logger, ct)
            ? accepted.Card
            : accepted.NotSaved);
    }
}

/// <summary>What a submitted request form leads to, shared by the chat card and the message extension's dialog.</summary>
/// <param name="Card">The card to answer with now.</param>
/// <param name="Work">The request to store and run, or null when there is nothing to run.</param>
/// <param name="NotSaved">The answer when <paramref name="Work"/> could not be stored: the form again, saying nobody was asked.</param>
public sealed record AcceptedRequest(JsonObject Card, RequestWorkItem? Work, JsonObject NotSaved);

public static class RequestSubmission
{
    /// <summary>
    /// Reads and checks a submitted form, resolving the people picked (the same path as mentions and gives). Returns
    /// the form again with its problems (and no work), the outcome when nobody named can be reached, or "Asking…"
    /// with the work that sends the request.
    /// </summary>
    public static async Task<AcceptedRequest> AcceptAsync(
        TeamsTurn turn, JsonObject data, bool inDialog, TeamsRequestRunner runner, TeamsPeopleResolver resolver, CancellationToken ct)
    {
        if (turn.Sender is not { } requester || PeopleContext.Of(turn.Activity) is not { } where)
        {
            var who = RequestCards.Notice("I can't tell who you are in Teams, so I can't ask for you.");
            return new AcceptedRequest(who, null, who);
        }

        var form = RequestCards.ReadForm(data, requester.WorkspaceId);
        var notSaved = RequestCards.Form(form, inDialog, [RequestWork.NotSavedText]);
        var people = await resolver.ResolveAsync(where, TeamsPeopleResolver.Ids(form.Ids), ct);
        var command = new RequestFeedbackCommand(requester, people.People, form.Question, form.Source, form.Due);
        var problems = RequestFeedback.Check(command)
            .Where(p => !(p.Code == RequestProblemCode.NoRecipients && people.Problems.Count > 0))
            .Select(p => p.Message).ToArray();
        if (problems.Length > 0)
        {
            return new AcceptedRequest(RequestCards.Form(form, inDialog, problems), null, notSaved);
        }

        if (people.People.Count == 0)
        {
            return new AcceptedRequest(await runner.CardAsync(new RequestOutcome(null, null, people.Problems), ct), null, notSaved);
        }

        var id = "invoke-" + (turn.Activity.Id ?? Guid.NewGuid().ToString("N"));
        return new AcceptedRequest(RequestCards.Sending(people.People.Count),
            RequestWorkItem.FromForm(id, requester, turn.Activity.ServiceUrl!, command, people.Problems), notSaved);
    }
}
