using System.Text.Json;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Slack.Blocks;
using FeedbackBot.Slack.Coaching;
using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Text;

namespace FeedbackBot.Slack.Give;

/// <summary>Who besides the recipient may see the feedback, as offered in the modal.</summary>
public enum VisibilityChoice
{
    Private,
    SharedWithManager,
    Anonymous,
}

/// <summary>Everything the Give modal holds, read from a view's state or built for a prefilled open.</summary>
public sealed record GiveDraft(
    IReadOnlyList<string> Recipients,
    FeedbackTemplate Template,
    IReadOnlyDictionary<string, string> Parts,
    FeedbackKind Kind,
    VisibilityChoice Visibility,
    SourceLink? Source,
    // The request this feedback answers (opened from a "Give feedback" button on a request or digest); kept in private_metadata.
    string? RequestId = null,
    // The message the feedback is about, by ids: what private_metadata carries instead of the link (issue 10 #13).
    MessageRef? About = null,
    // Company values picked (Values:List); null when the modal has no values block.
    IReadOnlyList<string>? Values = null)
{
    public static GiveDraft Empty { get; } = new([], FeedbackTemplate.Free, new Dictionary<string, string>(), FeedbackKind.Praise, VisibilityChoice.Private, null);

    public FeedbackContent Content => new(Template, TemplateParts.For(Template)
        .ToDictionary(p => p, p => Parts.TryGetValue(p, out var t) ? t : ""));
}

/// <summary>
/// The Give modal: recipients, template with its fields, kind, visibility, and the coach's tips under the
/// fields. Field inputs dispatch on every character so the coach can answer while the person types.
/// </summary>
public static class GiveModal
{
    public const string CallbackId = "give_feedback";

    public const string RecipientsBlock = "recipients";
    public const string TemplateBlock = "template";
    public const string KindBlock = "kind";
    public const string VisibilityBlock = "visibility";
    public const string ValuesBlock = "values";
    public const string TipsBlock = "coach_tips";
    public const string PartBlockPrefix = "part_";

    public const string RecipientsAction = "give_recipients";
    public const string TemplateAction = "give_template";
    public const string KindAction = "give_kind";
    public const string VisibilityAction = "give_visibility";
    public const string ValuesAction = "give_values";
    /// <summary>Routed family: <c>give_part:{part}</c>.</summary>
    public const string PartAction = "give_part";

    public const int MaxPartLength = 3000;
    private const int MaxExcerpt = 300;

    public static string PartBlock(string part) => PartBlockPrefix + part;

    /// <summary>The modal for <paramref name="draft"/>, with the coach's <paramref name="advice"/> and, when the company
    /// has <paramref name="values"/> (<c>Values:List</c>), checkboxes to tag praise with them.</summary>
    public static JsonObject Build(GiveDraft draft, DraftAdvice? advice = null, IReadOnlyList<string>? values = null)
    {
        var blocks = new List<JsonObject>();
        if (draft.Source is { } source)
        {
            blocks.Add(SourceContext(source));
        }

        var recipients = Bk.UsersSelect(RecipientsAction, "Pick one or more teammates", GiveFeedback.MaxRecipients, draft.Recipients);

        // dispatch on the picker lets us warm the profile cache, so the submit check is fast.
        blocks.Add(Bk.Input(RecipientsBlock, "To", recipients, dispatch: true));

        var templates = new (FeedbackTemplate T, string Label)[]
        {
            (FeedbackTemplate.Free, "Free text"),
            (FeedbackTemplate.Sbi, "Situation – Behaviour – Impact"),
            (FeedbackTemplate.Sandwich, "Sandwich"),
            (FeedbackTemplate.StartStopContinue, "Start / Stop / Continue"),
        };
        var templateOptions = templates.Select(t => Bk.Option(t.Label, t.T.ToString())).ToArray();
        blocks.Add(Bk.Input(TemplateBlock, "Template", new JsonObject
        {
            ["type"] = "static_select",
            ["action_id"] = TemplateAction,
            ["options"] = new JsonArray([.. templateOptions.Select(o => o.DeepClone())]),
            ["initial_option"] = templateOptions[Array.FindIndex(templates, t => t.T == draft.Template)].DeepClone(),
        }, dispatch: true));

        foreach (var part in TemplateParts.For(draft.Template))
        {
            var input = new JsonObject
            {
                ["type"] = "plain_text_input",
                ["action_id"] = $"{PartAction}:{part}",
                ["multiline"] = true,
                ["max_length"] = MaxPartLength,
                ["dispatch_action_config"] = new JsonObject { ["trigger_actions_on"] = new JsonArray("on_character_entered") },
                ["placeholder"] = Bk.Plain(Placeholder(part)),
            };
            if (draft.Parts.TryGetValue(part, out var text) && text.Length > 0)
            {
                // plain_text_input shows text as is: stored mentions read "@name" there (Slack has no mentions in inputs).
                input["initial_value"] = Mrkdwn.Truncate(SlackInbound.ToPlain(text), MaxPartLength);
            }

            var optional = part == TemplateParts.Suggestion;
            blocks.Add(Bk.Input(PartBlock(part), TemplateParts.Label(part), input, optional, dispatch: true));
        }

        if (advice is { HasAdvice: true })
        {
            var tips = string.Join("\n", advice.Tips.Take(5).Select(t => "• " + Mrkdwn.Escape(t)));
            blocks.Add(Bk.Context(":bulb: *Coach:*\n" + tips, TipsBlock));
        }
        else if (advice is not null && draft.Content.PlainText.Length > 0)
        {
            blocks.Add(Bk.Context(":white_check_mark: Clear and specific. Nice.", TipsBlock));
        }

        var kindOptions = new[] { Bk.Option("Praise", nameof(FeedbackKind.Praise)), Bk.Option("Something to improve", nameof(FeedbackKind.Constructive)) };
        blocks.Add(Bk.Input(KindBlock, "Kind", new JsonObject
        {
            ["type"] = "radio_buttons",
            ["action_id"] = KindAction,
            ["options"] = new JsonArray([.. kindOptions.Select(o => o.DeepClone())]),
            ["initial_option"] = kindOptions[draft.Kind == FeedbackKind.Praise ? 0 : 1].DeepClone(),
        }));

        var visibilityOptions = new[]
        {
            Bk.Option("Only them", nameof(VisibilityChoice.Private)),
            Bk.Option("Them and their manager", nameof(VisibilityChoice.SharedWithManager)),
            Bk.Option("Them, without my name", nameof(VisibilityChoice.Anonymous)),
        };
        blocks.Add(Bk.Input(VisibilityBlock, "Who sees it", new JsonObject
        {
            ["type"] = "radio_buttons",
            ["action_id"] = VisibilityAction,
            ["options"] = new JsonArray([.. visibilityOptions.Select(o => o.DeepClone())]),
            ["initial_option"] = visibilityOptions[(int)draft.Visibility].DeepClone(),
        }, hint: "Manager sharing applies when we know their manager. Anonymous only if they accept anonymous feedback."));

        if (values is { Count: > 0 })
        {
            blocks.Add(ValuesInput(values, draft.Values ?? []));
        }

        if (draft.RequestId is not null)
        {
            blocks.Insert(0, Bk.Context(":raising_hand: Answering a feedback request: they'll see it arrive as your answer."));
        }

        return Bk.Modal(CallbackId, "Give feedback", blocks, submit: "Send", privateMetadata: Metadata(draft.About, draft.RequestId));
    }

    /// <summary>
    /// Reads the draft back from a submitted or updated view. The source link is rebuilt from the message ids in
    /// private_metadata and the clicking payload's team, never read from the payload.
    /// </summary>
    public static GiveDraft Read(SlackView view, Interaction interaction)
    {
        var state = view.State;
        string? Selected(string block, string action) => state[block, action]?.SelectedOption;

        var recipients = state[RecipientsBlock, RecipientsAction]?.SelectedUsers.Where(Mrkdwn.IsUserId).Distinct().ToArray() ?? [];
        var template = Enum.TryParse<FeedbackTemplate>(Selected(TemplateBlock, TemplateAction), out var t) ? t : FeedbackTemplate.Free;
        var kind = Enum.TryParse<FeedbackKind>(Selected(KindBlock, KindAction), out var k) ? k : FeedbackKind.Praise;
        var visibility = Enum.TryParse<VisibilityChoice>(Selected(VisibilityBlock, VisibilityAction), out var v) ? v : VisibilityChoice.Private;

        // Keep every part Slack sent, even of another template, so switching templates back and forth loses nothing.
        var parts = new Dictionary<string, string>();
        foreach (var blockId in state.Blocks.Keys)
        {
            if (blockId.StartsWith(PartBlockPrefix, StringComparison.Ordinal))
            {
                var part = blockId[PartBlockPrefix.Length..];
                if (state[blockId, $"{PartAction}:{part}"]?.Value is { } text)
                {
                    parts[part] = SlackInbound.FromInput(text);
                }
            }
        }

        var (about, requestId) = ReadMetadata(view.PrivateMetadata);
        var values = state[ValuesBlock, ValuesAction]?.SelectedOptions.ToArray();
        return new GiveDraft(recipients, template, parts, kind, visibility, about?.ToSource(interaction.TeamId, interaction.TeamDomain), requestId, about, values);
    }

    // Checkboxes (at most 10 options, ValuesOptions caps the list); values as their own option values, so what comes
    // back is checked against the configured list again before it is stored.
    private static JsonObject ValuesInput(IReadOnlyList<string> values, IReadOnlyList<string> picked)
    {
        var options = values.Select(v => Bk.Option(v, v)).ToArray();
        var element = new JsonObject
        {
            ["type"] = "checkboxes",
            ["action_id"] = ValuesAction,
            ["options"] = new JsonArray([.. options.Select(o => o.DeepClone())]),
        };
        var initial = options.Where((_, i) => picked.Contains(values[i], StringComparer.OrdinalIgnoreCase)).Select(o => o.DeepClone()).ToArray();
        if (initial.Length > 0)
        {
            element["initial_options"] = new JsonArray(initial);
        }

        return Bk.Input(ValuesBlock, Core.Ratings.ValuesOptions.FormLabel, element, optional: true, hint: Core.Ratings.ValuesOptions.FormHint);
    }

    private static string Placeholder(string part) => part switch
    {
        TemplateParts.Situation => "When and where? e.g. In Tuesday's planning meeting…",
        TemplateParts.Behaviour => "What exactly did they do or say?",
        TemplateParts.Impact => "What did it change, for you or the team?",
        TemplateParts.Suggestion => "Optional: what could they try next time?",
        TemplateParts.Positive => "Something that went well",
        TemplateParts.Constructive => "One thing that could be better, and how",
        TemplateParts.Closing => "Encouragement to end on",
        TemplateParts.Start => "Something to start doing",
        TemplateParts.Stop => "Something to stop doing",
        TemplateParts.Continue => "Something to keep doing",
        _ => "What did you notice, and why does it matter?",
    };

    /// <summary>"About this message" with a quoted excerpt: what a modal's feedback or request is about.</summary>
    internal static JsonObject SourceContext(SourceLink source)
    {
        var excerpt = source.Excerpt is { Length: > 0 } e ? "\n" + Mrkdwn.Quote(Mrkdwn.Safe(e, MaxExcerpt)) : "";
        return Bk.Context($"About {Link(source.Url, "this message")}{excerpt}");
    }

    /// <summary>A Slack link; only http(s) URLs, with the characters that would break <c>&lt;url|label&gt;</c> escaped.</summary>
    internal static string Link(string url, string label) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? $"<{Mrkdwn.Escape(uri.AbsoluteUri).Replace("|", "%7C")}|{Mrkdwn.Escape(label)}>"
            : Mrkdwn.Escape(label);

    // private_metadata round-trips ids only: the message's and the answered request's (Slack returns it untouched
    // on every action and submit, so the live coach's views.update keeps them too). It comes back in payloads, so
    // it is never trusted for more than "which message / which request", and both are re-checked when used.
    private static string? Metadata(MessageRef? about, string? requestId)
    {
        if (about is null && requestId is null)
        {
            return null;
        }

        var meta = new JsonObject();
        about?.WriteTo(meta);
        if (requestId is not null)
        {
            meta["r"] = requestId;
        }

        return meta.ToJsonString();
    }

    private static (MessageRef? About, string? RequestId) ReadMetadata(string? json) =>
        MessageRef.ParseObject(json) is { } meta
            ? (MessageRef.ReadFrom(meta), Interaction.Str(meta["r"]) is { Length: <= Core.Ids.MaxLength } r ? r : null)
            : (null, null);
}
