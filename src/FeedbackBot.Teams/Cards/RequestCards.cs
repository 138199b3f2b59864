using System.Globalization;
using System.Text.Json.Nodes;
using FeedbackBot.Core;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Requests;
using FeedbackBot.Teams.Requests;

namespace FeedbackBot.Teams.Cards;

/// <summary>
/// What the request form holds: people picked (Entra object ids with the names to show), typed ids, the question,
/// the due date, and the message asked about (carried in the form's action data, so a dialog can hand it back).
/// </summary>
public sealed record RequestForm(
    IReadOnlyList<(string Id, string Name)> Picked,
    string Question,
    DateOnly? Due,
    SourceLink? Source = null,
    string? Typed = null,
    string? PickedIds = null)
{
    public static RequestForm Empty { get; } = new([], "", null);

    /// <summary>Every id the form names (picker and typed fallback).</summary>
    public IEnumerable<string?> Ids => [PickedIds ?? string.Join(',', Picked.Select(p => p.Id)), Typed];
}

/// <summary>
/// Adaptive Cards of the request side: the form, what a request did, the decline form, the lists of what you owe
/// and wait for, and the inbox. User text (questions, reasons, names, excerpts) goes only into
/// <see cref="Ac.Run"/>/<see cref="Ac.Quote"/> and input values, which Teams never reads as Markdown.
/// </summary>
public static class RequestCards
{
    /// <summary>
    /// The give side's verb: opens the give form prefilled to answer <c>data.requestId</c> (without it, an empty
    /// give form). Owned by the give handler (teams-give); kept here as the contract both sides use.
    /// </summary>
    public const string GiveVerb = "give.open";

    public const string RecipientsInput = "recipients";
    public const string TypedInput = "recipientIds";
    public const string QuestionInput = "question";
    public const string DueInput = "due";
    public const string AboutKey = "about";
    public const string RequestIdKey = "requestId";
    public const string ReasonInput = "reason";

    /// <summary>The people picker's dataset: the tenant's users through Microsoft Graph, searched by the client.</summary>
    public const string PeopleDataset = "graph.microsoft.com/users";

    private const int MaxListed = 10;
    private const int MaxExcerpt = 300;

    /// <summary>
    /// The request form. In chat its button is an <c>Action.Execute</c> (<see cref="RequestSubmitAction.Verb"/>); in a
    /// dialog (message extension) an <c>Action.Submit</c>, which is what dialogs run. <paramref name="problems"/>
    /// are shown above the fields, the values kept.
    /// </summary>
    public static JsonObject Form(RequestForm form, bool inDialog = false, IReadOnlyList<string>? problems = null)
    {
        var body = new List<JsonNode?> { Ac.Text("Ask for feedback", heading: true) };
        foreach (var problem in problems ?? [])
        {
            body.Add(Ac.Rich(Ac.Run("⚠ "), Ac.Run(problem)));
        }

        if (form.Source is { } source)
        {
            body.Add(Ac.Rich(Ac.Run("About this message", strong: true)));
            if (source.Excerpt is { Length: > 0 } excerpt)
            {
                body.Add(Ac.Quote(Ac.Cut(excerpt, MaxExcerpt)));
            }
        }

        var picker = new JsonObject
        {
            ["type"] = "Input.ChoiceSet",
            ["id"] = RecipientsInput,
            ["label"] = "Who should answer?",
            ["isMultiSelect"] = true,
            ["style"] = "filtered",
            ["placeholder"] = "Type a name",
            ["choices"] = new JsonArray(form.Picked.Select(p => (JsonNode)new JsonObject { ["title"] = p.Name, ["value"] = p.Id }).ToArray()),
            // https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/people-picker
            ["choices.data"] = new JsonObject { ["type"] = "Data.Query", ["dataset"] = PeopleDataset },
        };
        if (form.PickedIds is { Length: > 0 } ids)
        {
            picker["value"] = ids;
        }
        else if (form.Picked.Count > 0)
        {
            picker["value"] = string.Join(',', form.Picked.Select(p => p.Id));
        }

        body.Add(picker);
        body.Add(TextInput(TypedInput, "Or their Teams ids", form.Typed, placeholder: "29:… or Entra object ids, separated by commas", maxLength: 2000));
        body.Add(TextInput(QuestionInput, "Your question", form.Question, placeholder: "What would you like feedback on?",
            maxLength: RequestFeedback.MaxQuestionLength, multiline: true, required: true));
        var due = new JsonObject { ["type"] = "Input.Date", ["id"] = DueInput, ["label"] = "Answer by" };
        if (form.Due is { } date)
        {
            due["value"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        body.Add(due);
        var data = new JsonObject();
        if (form.Source is { } s)
        {
            data[AboutKey] = new JsonObject { ["url"] = s.Url, ["excerpt"] = s.Excerpt, ["author"] = s.Author?.UserId };
        }

        var ask = inDialog ? Ac.Submit("Ask", data) : Ac.Execute("Ask", RequestSubmitAction.Verb, data, primary: true);
        return Ac.Card("Ask for feedback", body, new JsonArray(ask));
    }

    /// <summary>Reads a submitted form (the action's data merged with the inputs, all strings).</summary>
    public static RequestForm ReadForm(JsonObject data, string tenantId)
    {
        var due = DateOnly.TryParseExact(Ac.Str(data, DueInput), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : (DateOnly?)null;
        return new RequestForm([], Ac.Str(data, QuestionInput) ?? "", due, ReadSource(data[AboutKey] as JsonObject, tenantId),
            Ac.Str(data, TypedInput), Ac.Str(data, RecipientsInput));
    }

    /// <summary>
    /// The message a form is about, from its action data (client-held, so checked again): an http(s) link, the
    /// excerpt cut to size, an author only when it is an Entra object id.
    /// </summary>
    public static SourceLink? ReadSource(JsonObject? about, string tenantId)
    {
        var url = Ac.Str(about, "url");
        if (url is not { Length: <= 2000 } || Ac.OpenUrl("-", url) is null)
        {
            return null;
        }

        var excerpt = Ac.Str(about, "excerpt") is { Length: > 0 } e ? Ac.Cut(e, MaxExcerpt) : null;
        var author = Guid.TryParse(Ac.Str(about, "author"), out var aad) ? new PersonRef(Platform.Teams, tenantId, aad.ToString("D")) : null;
        return new SourceLink(url, excerpt, author);
    }

    /// <summary>What is shown while a submitted request is being sent (replaced by <see cref="Outcome"/>).</summary>
    public static JsonObject Sending(int people) => Ac.Card("Sending your request",
    [
        Ac.Text(people == 1 ? "Asking 1 person for feedback…" : $"Asking {people} people for feedback…"),
    ]);

    /// <summary>What the requester is told a request did: who was asked, who could not be, or why nothing was sent.</summary>
    public static JsonObject Outcome(RequestOutcome outcome, IReadOnlyDictionary<PersonRef, string> names)
    {
        string Name(PersonRef p) => names.TryGetValue(p, out var n) ? n : "a colleague";
        var body = new List<JsonNode?>();
        if (outcome.Failure is SaveUnconfirmedException)
        {
            body.Add(Ac.Text("Storage is very slow right now and I couldn't confirm your request was saved. If it was, the people you picked will still be asked. Type pending in a few minutes before asking again."));
        }
        else if (outcome.Failure is not null)
        {
            body.Add(Ac.Text("I couldn't save your request just now, so nobody was asked. Please try again in a moment."));
        }
        else if (outcome.Result is { Succeeded: false } refused)
        {
            body.Add(Ac.Text("I didn't send your request:"));
            body.AddRange(refused.Problems.Select(p => Ac.Rich(Ac.Run("• "), Ac.Run(p is { Code: RequestProblemCode.UnknownPerson, Person: { } who }
                ? $"I couldn't find {Name(who)} in Teams." : p.Message))));
        }
        else if (outcome.Result is { Created: { } request } done)
        {
            var reached = request.Recipients.Select(r => r.Person).Except(done.NotReached).Select(Name).ToArray();
            body.Add(reached.Length > 0
                ? Ac.Rich(Ac.Run("I asked "), Ac.Run(Join(reached), strong: true), Ac.Run($" for feedback, due {Ac.When(request.DueAt)}. I'll tell you as answers come in."))
                : Ac.Text("I saved your request but couldn't reach anyone yet."));
            body.Add(Ac.Quote(Ac.Cut(request.Question, 500)));
            if (done.NotReached.Count > 0)
            {
                body.Add(Ac.Rich(Ac.Run("I couldn't reach "), Ac.Run(Join(done.NotReached.Select(Name).ToArray()), strong: true),
                    Ac.Run(" right now; they can still answer from their pending list.")));
            }
        }

        // Why someone named was not asked: the same sentences as a give's (TeamsPeopleResolver), user text in TextRuns.
        body.AddRange(outcome.Unreachable.Select(problem => Ac.Rich(Ac.Run("⚠ ", strong: true), Ac.Run(problem))));

        return Ac.Card("Your feedback request", body);
    }

    /// <summary>Decline with an optional reason (the requester sees it).</summary>
    public static JsonObject DeclineForm(FeedbackRequest request, string requesterName) => Ac.Card("Decline a request",
    [
        Ac.Rich(Ac.Run("Decline "), Ac.Run(requesterName, strong: true), Ac.Run("'s request?")),
        Ac.Quote(Ac.Cut(request.Question, 1000)),
        TextInput(ReasonInput, "Reason (optional)", null, placeholder: "They will see this. A short why helps them ask someone else.",
            maxLength: DeclineRequest.MaxReasonLength, multiline: true),
    ], new JsonArray(
        Ac.Execute("Decline", DeclineSendAction.Verb, Id(request.Id)),
        Ac.Execute("Back", ShowOwedAction.Verb, Id(request.Id))));

    /// <summary>Give / Decline / Snooze for one request, each carrying only its id.</summary>
    public static JsonObject[] Buttons(string requestId) =>
    [
        Ac.Execute("Give feedback", GiveVerb, Id(requestId), primary: true),
        Ac.Execute("Decline", DeclineAction.Verb, Id(requestId)),
        Ac.Execute("Snooze 1 day", SnoozeAction.Verb, Id(requestId)),
    ];

    /// <summary>The data of a button about one request.</summary>
    public static JsonObject Id(string requestId) => new() { [RequestIdKey] = requestId };

    /// <summary>One owed request: who asks, by when, the question, the message it is about, and its buttons.</summary>
    public static IEnumerable<JsonNode?> OwedItem(OwedRequest owed, string requesterName, int maxQuestion = 300)
    {
        var snoozed = owed.SnoozedUntil is { } until ? $" · snoozed until {Ac.When(until)}" : "";
        yield return Ac.Rich(Ac.Run(requesterName, strong: true), Ac.Run($" asks, by {Ac.When(owed.DueAt)}{snoozed}:"));
        yield return Ac.Quote(Ac.Cut(owed.Question, maxQuestion));
        if (owed.Source?.Excerpt is { Length: > 0 } excerpt)
        {
            yield return Ac.Rich(Ac.Run("About: ", subtle: true), Ac.Run($"“{Ac.Cut(excerpt, 200)}”", italic: true, subtle: true));
        }

        yield return Ac.ActionSet(Buttons(owed.RequestId));
    }

    /// <summary>
    /// What you owe and what you wait for (<c>pending</c>), also the card a Decline or Snooze leaves in place, with
    /// <paramref name="status"/> (what the button just did) on top.
    /// </summary>
    public static JsonObject Pending(PendingItems items, IReadOnlyDictionary<PersonRef, string> names, string? status = null, bool waiting = true)
    {
        string Name(PersonRef p) => names.TryGetValue(p, out var n) ? n : "A colleague";
        var body = new List<JsonNode?>();
        if (status is not null)
        {
            body.Add(Ac.Rich(Ac.Run(status, strong: true)));
        }

        body.Add(Ac.Text("You owe", heading: true));
        if (items.Owed.Count == 0)
        {
            body.Add(Ac.Text("Nobody is waiting on you.", subtle: true));
        }

        foreach (var owed in items.Owed.Take(MaxListed))
        {
            body.AddRange(OwedItem(owed, Name(owed.Requester)));
        }

        if (items.Owed.Count > MaxListed)
        {
            body.Add(Ac.Text($"…and {items.Owed.Count - MaxListed} more.", subtle: true));
        }

        if (waiting)
        {
            body.Add(Ac.Text("You're waiting for", heading: true));
            if (items.Waiting.Count == 0)
            {
                body.Add(Ac.Text("No open requests of yours. Type request to ask for feedback.", subtle: true));
            }

            foreach (var wait in items.Waiting.Take(MaxListed))
            {
                body.Add(Ac.Quote(Ac.Cut(wait.Question, 300)));
                // StillPending is null after an anonymous answer: naming who is left would name who answered.
                var who = wait.StillPending is { Count: > 0 } left ? " Waiting for " + Join(left.Select(Name).ToArray()) + "." : "";
                body.Add(Ac.Rich(Ac.Run($"{NoticeCards.Tally(wait.Tally)} Due {Ac.When(wait.DueAt)}.{who}", subtle: true)));
            }
        }

        return Ac.Card("Your pending requests", body);
    }

    /// <summary>A short card for a button that cannot act (missing request, someone else's, no longer pending).</summary>
    public static JsonObject Notice(string ownWords) => Ac.Card(ownWords, [Ac.Text(ownWords)]);

    /// <summary>
    /// The latest feedback received (<c>inbox</c>); only the reader sees it. <paramref name="below"/> adds what goes
    /// under an item (its theme row), by the item and its position.
    /// </summary>
    public static JsonObject Inbox(IReadOnlyList<FeedbackItem> items, IReadOnlyDictionary<PersonRef, string> names, Func<FeedbackItem, int, JsonNode?>? below = null)
    {
        if (items.Count == 0)
        {
            return Notice("You haven't received any feedback yet. Ask for some: type request.");
        }

        var body = new List<JsonNode?> { Ac.Text("Your latest feedback", heading: true), Ac.Text("Only you can see this.", subtle: true) };
        foreach (var item in items)
        {
            var from = item.Anonymous ? "Someone (anonymously)" : names.TryGetValue(item.Giver, out var n) ? n : "A colleague";
            var kind = item.Kind == FeedbackKind.Praise ? "praise" : "feedback";
            body.Add(Ac.Rich(Ac.Run(from, strong: true), Ac.Run($" · {kind} · {Ac.When(item.CreatedAt)}", subtle: true)));
            foreach (var (part, text) in item.Content.FilledParts())
            {
                body.Add(Ac.Quote(Ac.Cut(text, 1000), item.Content.Template == FeedbackTemplate.Free ? null : TemplateParts.Label(part)));
            }

            body.Add(below?.Invoke(item, body.Count));
        }

        return Ac.Card("Your latest feedback", body);
    }

    internal static JsonObject TextInput(string id, string label, string? value, string? placeholder = null, int? maxLength = null, bool multiline = false, bool required = false)
    {
        var input = new JsonObject { ["type"] = "Input.Text", ["id"] = id, ["label"] = label };
        if (value is { Length: > 0 })
        {
            input["value"] = value;
        }

        if (placeholder is not null)
        {
            input["placeholder"] = placeholder;
        }

        if (maxLength is { } max)
        {
            input["maxLength"] = max;
        }

        if (multiline)
        {
            input["isMultiline"] = true;
        }

        if (required)
        {
            input["isRequired"] = true;
            input["errorMessage"] = "Please fill this in.";
        }

        return input;
    }

    private static string Join(IReadOnlyList<string> names) => names.Count switch
    {
        0 => "",
        1 => names[0],
        _ => string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1],
    };
}
