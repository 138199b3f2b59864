using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Requests;
using FeedbackBot.Slack.Blocks;
using FeedbackBot.Slack.Give;
using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Text;

namespace FeedbackBot.Slack.Requests;

/// <summary>What the request modal holds, read from a submitted view or built for a prefilled open.</summary>
public sealed record RequestDraft(
    IReadOnlyList<string> Recipients,
    string Question,
    DateOnly? DueDate,
    string? Link,
    SourceLink? Source,
    // The message asked about, by ids: what private_metadata carries instead of the link (issue 10 #13).
    MessageRef? About = null)
{
    public static RequestDraft Empty { get; } = new([], "", null, null, null);

    /// <summary>The message link wins over a typed link; a typed link becomes a source without excerpt.</summary>
    public SourceLink? EffectiveSource => Source ?? (Link is { Length: > 0 } url ? new SourceLink(url) : null);

    public RequestFeedbackCommand ToCommand(PersonRef requester) =>
        new(requester, Recipients.Select(r => SlackIds.Person(requester.WorkspaceId, r)).ToArray(),
            Question, EffectiveSource, DueDate);
}

/// <summary>
/// The "Ask for feedback" modal: recipients, question, due date (default three working days in the requester's
/// zone), optional link. When opened on a message, the message is quoted and linked and the link field is
/// left out.
/// </summary>
public static class RequestModal
{
    public const string CallbackId = "request_feedback";

    public const string RecipientsBlock = "req_recipients";
    /// <summary>
    /// The recipients input once suggestions arrived. A new block_id on purpose: views.update keeps what an input
    /// held under an unchanged block_id and action_id, which would hide the new initial_users.
    /// </summary>
    public const string SuggestedRecipientsBlock = "req_recipients_suggested";
    public const string QuestionBlock = "req_question";
    public const string DueBlock = "req_due";
    public const string LinkBlock = "req_link";
    public const string SuggestionsBlock = "req_suggestions";

    public const string RecipientsAction = "req_recipients_pick";
    public const string QuestionAction = "req_question_text";
    public const string DueAction = "req_due_date";
    public const string LinkAction = "req_link_url";

    private const int MaxExcerpt = 300;

    /// <summary>
    /// The modal. <paramref name="suggested"/> are thread participants found after opening: preselected (unless
    /// the draft names people) and named in a context line.
    /// </summary>
    public static JsonObject Build(RequestDraft draft, DateOnly defaultDue, IReadOnlyList<string>? suggested = null)
    {
        var blocks = new List<JsonObject>();
        if (draft.Source is { } source)
        {
            blocks.Add(GiveModal.SourceContext(source));
        }

        var recipients = Bk.UsersSelect(RecipientsAction, "Who should answer?", RequestFeedback.MaxRecipients,
            draft.Recipients.Count > 0 ? draft.Recipients : suggested ?? []);

        blocks.Add(Bk.Input(suggested is { Count: > 0 } ? SuggestedRecipientsBlock : RecipientsBlock, "Ask", recipients));
        if (suggested is { Count: > 0 })
        {
            blocks.Add(Bk.Context(":busts_in_silhouette: Suggested: people in this thread, "
                + string.Join(", ", suggested.Select(Mrkdwn.Mention)) + ". Change as you like.", SuggestionsBlock));
        }

        var question = new JsonObject
        {
            ["type"] = "plain_text_input",
            ["action_id"] = QuestionAction,
            ["multiline"] = true,
            ["max_length"] = RequestFeedback.MaxQuestionLength,
            ["placeholder"] = Bk.Plain("e.g. What should I change in my demo?"),
        };
        if (draft.Question.Length > 0)
        {
            question["initial_value"] = Mrkdwn.Truncate(SlackInbound.ToPlain(draft.Question), RequestFeedback.MaxQuestionLength);
        }

        blocks.Add(Bk.Input(QuestionBlock, "Question", question));
        blocks.Add(Bk.Input(DueBlock, "Answer by", new JsonObject
        {
            ["type"] = "datepicker",
            ["action_id"] = DueAction,
            ["initial_date"] = (draft.DueDate ?? defaultDue).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }, hint: "Reminders stop after this day. By default three working days from now."));

        if (draft.Source is null)
        {
            var link = new JsonObject { ["type"] = "url_text_input", ["action_id"] = LinkAction };
            if (draft.Link is { Length: > 0 } url)
            {
                link["initial_value"] = url;
            }

            blocks.Add(Bk.Input(LinkBlock, "Link (optional)", link, optional: true, hint: "A doc, PR or recording people should look at."));
        }

        return Bk.Modal(CallbackId, "Ask for feedback", blocks, submit: "Ask", privateMetadata: Metadata(draft.About));
    }

    /// <summary>Reads the draft back from a submitted view; the message link is rebuilt from ids (see <see cref="MessageRef"/>).</summary>
    public static RequestDraft Read(SlackView view, Interaction interaction)
    {
        var state = view.State;
        var recipients = (state[SuggestedRecipientsBlock, RecipientsAction] ?? state[RecipientsBlock, RecipientsAction])?
            .SelectedUsers.Where(Mrkdwn.IsUserId).Distinct().ToArray() ?? [];
        var question = SlackInbound.FromInput(state[QuestionBlock, QuestionAction]?.Value ?? "");
        var due = DateOnly.TryParseExact(state[DueBlock, DueAction]?.SelectedDate, "yyyy-MM-dd",
            CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : (DateOnly?)null;
        var link = state[LinkBlock, LinkAction]?.Value;
        var about = MessageRef.ReadFrom(MessageRef.ParseObject(view.PrivateMetadata));
        return new RequestDraft(recipients, question, due, link, about?.ToSource(interaction.TeamId, interaction.TeamDomain), about);
    }

    /// <summary>
    /// Which input of <paramref name="view"/> a Core problem belongs to. Slack shows errors under input blocks only,
    /// and refuses errors for a block_id the view does not have.
    /// </summary>
    public static string BlockFor(RequestProblemCode code, SlackView view) => code switch
    {
        RequestProblemCode.EmptyQuestion or RequestProblemCode.TooLong => QuestionBlock,
        RequestProblemCode.DueInPast => DueBlock,
        _ => view.State.Blocks.ContainsKey(SuggestedRecipientsBlock) ? SuggestedRecipientsBlock : RecipientsBlock,
    };

    // private_metadata round-trips the message's ids only (never its link): Slack hands it back on submit.
    internal static string? Metadata(MessageRef? about)
    {
        if (about is null)
        {
            return null;
        }

        var meta = new JsonObject();
        about.WriteTo(meta);
        return meta.ToJsonString();
    }
}
