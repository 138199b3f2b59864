using System.Text.Json;
using System.Text.Json.Nodes;
using FeedbackBot.Core;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Teams.Give;
using static FeedbackBot.Teams.Give.JsonText;

namespace FeedbackBot.Teams.Cards;

/// <summary>How a card's buttons come back: <c>Action.Execute</c> (a card in a chat, updated in place) or
/// <c>Action.Submit</c> (a card in a dialog, answered by <c>composeExtension/submitAction</c>).</summary>
public enum CardButtons
{
    Execute,
    DialogSubmit,
}

/// <summary>
/// The give form, the coach's review and the outcome, as Adaptive Cards 1.5. User text (feedback, names,
/// excerpts, problems that name people) only in TextRuns or input values, never in a TextBlock (see <see cref="Ac"/>).
/// <para>
/// Inputs of a card come back merged into the action's <c>data</c> (Universal Actions and dialogs alike), next to
/// the draft the card carries under <see cref="GiveDraft.DataKey"/>; <see cref="Read"/> puts them together.
/// https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/work-with-universal-actions-for-adaptive-cards
/// </para>
/// </summary>
public static class GiveCards
{
    public const string ToInput = "giveTo";
    public const string ToIdsInput = "giveToIds";
    public const string TemplateInput = "giveTemplate";
    public const string KindInput = "giveKind";
    public const string VisibilityInput = "giveVisibility";
    public const string ValuesInput = "giveValues";
    public const string PartInputPrefix = "givePart_";

    /// <summary>In a dialog every button is an <c>Action.Submit</c>; this data key says which one it was.</summary>
    public const string StepKey = "giveStep";

    /// <summary>The Graph people picker's dataset (Teams resolves it; the value is the person's Entra object id).
    /// https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/dynamic-search#people-picker-in-adaptive-cards</summary>
    public const string PeopleDataset = "graph.microsoft.com/users";

    private const int MaxShownTips = 5;

    public static string PartInput(string part) => PartInputPrefix + part;

    private static readonly (FeedbackTemplate Template, string Label)[] Templates =
    [
        (FeedbackTemplate.Free, "Free text"),
        (FeedbackTemplate.Sbi, "Situation – Behaviour – Impact"),
        (FeedbackTemplate.Sandwich, "Sandwich"),
        (FeedbackTemplate.StartStopContinue, "Start / Stop / Continue"),
    ];

    /// <summary>
    /// The give form: recipients (Graph people picker with the prefilled people as choices, and a typed-id field
    /// for clients without the picker), template (switched with its own button, as Adaptive Cards 1.5 have no
    /// change events), the template's parts, kind and who sees it. <paramref name="names"/> names prefilled people.
    /// </summary>
    public static JsonObject Form(GiveDraft draft, CardButtons buttons, IReadOnlyDictionary<string, string> names,
        IReadOnlyList<string>? problems = null, IReadOnlyList<string>? tips = null, IReadOnlyList<string>? values = null)
    {
        var body = new List<JsonNode?> { Ac.Text("Give feedback", heading: true) };
        if (draft.RequestId is not null)
        {
            body.Add(Ac.Text("Answering a feedback request: they'll see it arrive as your answer.", subtle: true));
        }

        if (draft.Source?.Excerpt is { Length: > 0 } excerpt)
        {
            body.Add(Ac.Rich(Ac.Run("About: ", subtle: true), Ac.Run($"“{Ac.Cut(excerpt, 300)}”", italic: true, subtle: true)));
        }

        foreach (var problem in problems ?? [])
        {
            body.Add(Ac.Rich(Ac.Run("⚠ ", strong: true), Ac.Run(problem)));
        }

        var choices = new JsonArray(draft.To.Select(id => (JsonNode)new JsonObject
        {
            ["title"] = names.TryGetValue(id, out var name) ? name : draft.NameOf(id) ?? Short(id),
            ["value"] = id,
        }).ToArray());
        body.Add(new JsonObject
        {
            ["type"] = "Input.ChoiceSet",
            ["id"] = ToInput,
            ["label"] = "To",
            ["isMultiSelect"] = true,
            ["placeholder"] = "Type a name",
            ["choices"] = choices,
            ["choices.data"] = new JsonObject { ["type"] = "Data.Query", ["dataset"] = PeopleDataset },
            ["value"] = string.Join(",", draft.To),
        });
        body.Add(new JsonObject
        {
            ["type"] = "Input.Text",
            ["id"] = ToIdsInput,
            ["label"] = "Or their Entra object ids (comma-separated), if the picker is not shown",
            ["maxLength"] = 1000,
        });

        body.Add(new JsonObject
        {
            ["type"] = "Input.ChoiceSet",
            ["id"] = TemplateInput,
            ["label"] = "Template",
            ["style"] = "compact",
            ["choices"] = new JsonArray(Templates.Select(t => (JsonNode)Choice(t.Label, t.Template.ToString())).ToArray()),
            ["value"] = draft.Template.ToString(),
        });
        body.Add(new JsonObject
        {
            ["type"] = "ActionSet",
            ["actions"] = new JsonArray(Button(buttons, "Switch template", GiveTemplateAction.Verb, draft)),
        });

        foreach (var part in TemplateParts.For(draft.Template))
        {
            var input = new JsonObject
            {
                ["type"] = "Input.Text",
                ["id"] = PartInput(part),
                ["label"] = draft.Template == FeedbackTemplate.Free ? "Your feedback" : TemplateParts.Label(part),
                ["isMultiline"] = true,
                ["maxLength"] = GiveFeedback.MaxLength,
                ["placeholder"] = Placeholder(part),
            };
            if (draft.Parts.TryGetValue(part, out var text) && text.Length > 0)
            {
                input["value"] = text;
            }

            body.Add(input);
        }

        body.Add(new JsonObject
        {
            ["type"] = "Input.ChoiceSet",
            ["id"] = KindInput,
            ["label"] = "Kind",
            ["style"] = "expanded",
            ["choices"] = new JsonArray(Choice("Praise", nameof(FeedbackKind.Praise)), Choice("Something to improve", nameof(FeedbackKind.Constructive))),
            ["value"] = draft.Kind.ToString(),
        });
        body.Add(new JsonObject
        {
            ["type"] = "Input.ChoiceSet",
            ["id"] = VisibilityInput,
            ["label"] = "Who sees it",
            ["style"] = "expanded",
            ["choices"] = new JsonArray(
                Choice("Only them", nameof(GiveVisibility.Private)),
                Choice("Them and their manager", nameof(GiveVisibility.SharedWithManager)),
                Choice("Them, without my name", nameof(GiveVisibility.Anonymous))),
            ["value"] = draft.Visibility.ToString(),
        });
        body.Add(Ac.Text("Manager sharing applies when we know their manager. Anonymous only if they accept anonymous feedback.", subtle: true));
        if (values is { Count: > 0 })
        {
            // Values:List, as Slack's checkboxes: the values are their own choice values, checked again on submit.
            body.Add(new JsonObject
            {
                ["type"] = "Input.ChoiceSet",
                ["id"] = ValuesInput,
                ["label"] = Core.Ratings.ValuesOptions.FormLabel,
                ["isMultiSelect"] = true,
                ["style"] = "expanded",
                ["choices"] = new JsonArray([.. values.Select(v => (JsonNode)Choice(v, v))]),
                ["value"] = string.Join(",", draft.Values ?? []),
            });
            body.Add(Ac.Text(Core.Ratings.ValuesOptions.FormHint, subtle: true));
        }

        body.AddRange(Tips(tips));

        return Ac.Card("Give feedback", body, new JsonArray(Button(buttons, "Send", GiveSubmitAction.Verb, draft, primary: true)));
    }

    /// <summary>The coach's tips on a draft, with <i>Send as is</i> / <i>Edit</i> / <i>Cancel</i> (as Slack's quick give).</summary>
    public static JsonObject Review(GiveDraft draft, IReadOnlyList<string> tips, IReadOnlyList<string> toNames, CardButtons buttons)
    {
        var body = new List<JsonNode?>
        {
            Ac.Rich(Ac.Run("Your feedback to ", strong: true), Ac.Run(Names(toNames), strong: true), Ac.Run(":", strong: true)),
        };
        foreach (var (part, text) in draft.Content.FilledParts())
        {
            body.Add(Ac.Quote(Ac.Cut(text, 2500), draft.Template == FeedbackTemplate.Free ? null : TemplateParts.Label(part)));
        }

        body.AddRange(Tips(tips));
        return Ac.Card("The coach has a few tips before you send this", body, new JsonArray(
            Button(buttons, "Send as is", GiveSendAction.Verb, draft, primary: true),
            Button(buttons, "Edit", GiveEditAction.Verb, draft),
            Button(buttons, "Cancel", GiveCancelAction.Verb, draft)));
    }

    /// <summary>The outcome of a give (no buttons: a second click has nothing left to send).</summary>
    public static JsonObject Outcome(GiveOutcome outcome, IReadOnlyList<string> toNames)
    {
        if (outcome.Failure is SaveUnconfirmedException)
        {
            return Ac.Card("Saving your feedback is taking long", [Ac.Text(UnconfirmedText)]);
        }

        if (outcome.Failure is not null)
        {
            return Ac.Card("Your feedback was not saved", [Ac.Text(NotSavedText)]);
        }

        if (outcome.Duplicate)
        {
            return Ac.Card("Already saved", [Ac.Text("I already have this one; it goes out once.")]);
        }

        if (outcome.Succeeded)
        {
            return Ac.Card("Your feedback is on its way",
            [
                Ac.Rich(Ac.Run("📤 Saved. Your feedback to "), Ac.Run(Names(toNames), strong: true),
                    Ac.Run(" is on its way; I'll let you know when it's delivered.")),
            ]);
        }

        return Problems(outcome.Problems, "Type give to open the form.");
    }

    /// <summary>"I didn't send it:" and one line per problem (problems may name people: TextRuns).</summary>
    public static JsonObject Problems(IEnumerable<string> problems, string? hint = null)
    {
        var body = new List<JsonNode?> { Ac.Text("I didn't send it:", heading: true) };
        body.AddRange(problems.Select(p => Ac.Rich(Ac.Run("• " + p))));
        if (hint is not null)
        {
            body.Add(Ac.Text(hint, subtle: true));
        }

        return Ac.Card("Your feedback was not sent", body);
    }

    /// <summary>A card that says only the bot's own <paramref name="words"/>.</summary>
    public static JsonObject Note(string words) => Ac.Card(words, [Ac.Text(words)]);

    public const string NotSavedText = "I couldn't save your feedback just now, so nothing was sent. Please try again in a moment.";

    public const string UnconfirmedText =
        "Storage is very slow right now and I couldn't confirm your feedback was saved. If it was, it will still be delivered and I'll tell you when it is. Please wait for that before sending it again.";

    /// <summary>
    /// The draft a form action sent back: the carried draft with the card's inputs on top (recipients from the
    /// picker and the typed field, template, parts of the template the form showed, kind, visibility).
    /// </summary>
    public static GiveDraft Read(JsonObject data)
    {
        var draft = GiveDraft.FromData(data) ?? new GiveDraft();
        if (data.ContainsKey(ToInput) || data.ContainsKey(ToIdsInput))
        {
            draft = draft with { To = Ids(Str(data[ToInput])).Concat(Ids(Str(data[ToIdsInput]))).Distinct().Take(GiveFeedback.MaxRecipients + 1).ToArray() };
        }

        var parts = new Dictionary<string, string>(draft.Parts);
        foreach (var part in TemplateParts.For(draft.Template))
        {
            if (Str(data[PartInput(part)]) is { } text)
            {
                parts[part] = text.Length > GiveFeedback.MaxLength + 1 ? text[..(GiveFeedback.MaxLength + 1)] : text;
            }
        }

        draft = draft with
        {
            Parts = parts,
            Kind = Enum.TryParse<FeedbackKind>(Str(data[KindInput]), out var kind) && Enum.IsDefined(kind) ? kind : draft.Kind,
            Visibility = Enum.TryParse<GiveVisibility>(Str(data[VisibilityInput]), out var v) && Enum.IsDefined(v) ? v : draft.Visibility,
            Values = Str(data[ValuesInput]) is { } picked
                ? picked.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(Core.Ratings.ValuesOptions.MaxValues).ToArray()
                : draft.Values,
        };
        return Enum.TryParse<FeedbackTemplate>(Str(data[TemplateInput]), out var template) && Enum.IsDefined(template) && template != draft.Template
            ? draft.WithTemplate(template)
            : draft;
    }

    /// <summary>At most 40 characters of an id or name, for sentences.</summary>
    public static string Short(string text) => Ac.Cut(text, 40);

    /// <summary>"Ana, Ben and Cleo".</summary>
    public static string Names(IReadOnlyList<string> names) => names.Count switch
    {
        0 => "nobody yet",
        1 => names[0],
        _ => string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1],
    };

    /// <summary>
    /// A button: <c>Action.Execute</c> with the verb (chat cards), or <c>Action.Submit</c> with the verb as
    /// <see cref="StepKey"/> (dialogs); either way the draft rides in its data.
    /// </summary>
    public static JsonObject Button(CardButtons buttons, string title, string verb, GiveDraft draft, bool primary = false)
    {
        var data = new JsonObject { [GiveDraft.DataKey] = draft.ToJson() };
        var button = buttons == CardButtons.Execute
            ? new JsonObject { ["type"] = "Action.Execute", ["title"] = title, ["verb"] = verb, ["data"] = data }
            : new JsonObject { ["type"] = "Action.Submit", ["title"] = title, ["data"] = data };
        if (buttons == CardButtons.DialogSubmit)
        {
            data[StepKey] = verb;
        }

        if (primary)
        {
            button["style"] = "positive";
        }

        return button;
    }

    private static IEnumerable<JsonNode> Tips(IReadOnlyList<string>? tips)
    {
        if (tips is not { Count: > 0 })
        {
            yield break;
        }

        yield return Ac.Text("💡 Coach", heading: true);
        foreach (var tip in tips.Take(MaxShownTips))
        {
            yield return Ac.Rich(Ac.Run("• " + tip));
        }
    }

    private static JsonObject Choice(string title, string value) => new() { ["title"] = title, ["value"] = value };

    private static IEnumerable<string> Ids(string? text) =>
        (text ?? "").Split([',', ';', ' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Placeholder(string part) => part switch
    {
        TemplateParts.Situation => "When and where? e.g. In Tuesday's planning meeting…",
        TemplateParts.Behaviour => "What exactly did they do or say?",
        TemplateParts.Impact => "What effect did it have on you, the team or the work?",
        TemplateParts.Suggestion => "Optional: what could they try next time?",
        TemplateParts.Positive => "Start with something that went well",
        TemplateParts.Constructive => "One thing that could be better, and how",
        TemplateParts.Closing => "End on an encouraging note",
        TemplateParts.Start => "What should they start doing?",
        TemplateParts.Stop => "What should they stop doing?",
        TemplateParts.Continue => "What should they keep doing?",
        _ => "What did you see, and why did it matter?",
    };
}
