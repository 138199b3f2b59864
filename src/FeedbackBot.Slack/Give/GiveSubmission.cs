using FeedbackBot.Core.Ratings;
using Microsoft.Extensions.Options;
using FeedbackBot.Core;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Slack.Background;
using FeedbackBot.Slack.Inbound;

namespace FeedbackBot.Slack.Give;

/// <summary>
/// Submit of the Give modal. Core's checks that need no lookup answer with <c>response_action: errors</c> at once;
/// Core's give runs within the ack budget so bots, unknown people and anonymity refusals show as field errors
/// too. If Slack is too slow for that, the modal closes and RunAsync sends the outcome as a DM when it is not a
/// success (a closed modal has nowhere else to explain).
/// </summary>
public sealed class GiveSubmission(GiveService give, IRequestStore requests, PrivateReply reply, IOptions<ValuesOptions> values, IValueTagStore? tags = null)
    : IViewSubmissionHandler
{
    public async ValueTask<SlackAck> AckAsync(Interaction interaction, SlackView view, CancellationToken ct)
    {
        var draft = await WithRequestAsync(GiveModal.Read(view, interaction), interaction.Person, requests, ct);
        var firstPart = GiveModal.PartBlock(TemplateParts.For(draft.Template)[0]);
        var command = ToCommand(interaction.Person, draft);
        if (GiveFeedback.Check(command) is { Count: > 0 } problems)
        {
            return SlackAck.ViewErrors(FieldErrors(problems, firstPart));
        }

        // One modal, one give: a double submit or a replayed submission finds the view's id claimed and just closes.
        var started = await give.StartAsync(command, new OnceKey("view", view.Id), SlackRequester.Of(interaction) with { ResponseUrl = null });
        return started.InTime switch
        {
            { Failure: SaveUnconfirmedException } => SlackAck.ViewErrors(new Dictionary<string, string>
            {
                [GiveModal.RecipientsBlock] = GiveText.UnconfirmedText,
            }),
            { Failure: not null } => SlackAck.ViewErrors(new Dictionary<string, string>
            {
                [GiveModal.RecipientsBlock] = "I couldn't save this just now, so nothing was sent. Please try again.",
            }),
            { Result: { Succeeded: false } refused } => SlackAck.ViewErrors(FieldErrors(refused.Problems, firstPart)),
            _ => SlackAck.Ok.ThenRun(new Started(started, command, draft.Kind == FeedbackKind.Praise ? RecognisedValues.Allowed(draft.Values ?? [], values.Value) : [])),
        };
    }

    public async Task RunAsync(Interaction interaction, SlackView view, object? state, CancellationToken ct)
    {
        if (state is not Started s)
        {
            return;
        }

        await give.FinishAsync(s.Give, interaction.Person, late => late.Succeeded || late.Duplicate
            ? Task.CompletedTask
            : reply.TellAsync(SlackRequester.Of(interaction) with { ResponseUrl = null }, GiveText.Describe(late, s.Command.Recipients), ct), ct);
        // Values tagged on praise go with each recipient (no giver stored with them). After the give, not in its
        // transaction: a crash in between loses a tag, never feedback.
        if (tags is not null && s.Values.Count > 0 && (await s.Give.Running).Result is { Succeeded: true } result)
        {
            foreach (var item in result.Created)
            {
                await tags.TagAsync(item.Recipient, new ValueTag(item.Id, s.Values, item.CreatedAt), ct);
            }
        }
    }

    /// <summary>Core's problems under the fields they concern; one message per field.</summary>
    private static Dictionary<string, string> FieldErrors(IEnumerable<GiveProblem> problems, string firstPart)
    {
        var errors = new Dictionary<string, string>();
        foreach (var problem in problems)
        {
            var block = problem.Code switch
            {
                GiveProblemCode.EmptyText or GiveProblemCode.TooLong => firstPart,
                GiveProblemCode.AnonymousNotAccepted => GiveModal.VisibilityBlock,
                _ => GiveModal.RecipientsBlock,
            };
            var message = GiveText.PlainProblem(problem);
            errors[block] = errors.TryGetValue(block, out var existing) ? $"{existing} {message}" : message;
        }

        return errors;
    }

    /// <summary>
    /// The request id in private_metadata is only a claim: it counts when the clicker was asked on that request
    /// (then the request's own stored link is the source); otherwise the feedback goes out as plain feedback. Core
    /// attaches the request (and its question) only to the item for the requester (issue 10 #12).
    /// </summary>
    public static async Task<GiveDraft> WithRequestAsync(GiveDraft draft, PersonRef clicker, IRequestStore requests, CancellationToken ct)
    {
        if (draft.RequestId is not { } id)
        {
            return draft;
        }

        var request = await requests.GetAsync(id, ct);
        return request?.RecipientFor(clicker) is null
            ? draft with { RequestId = null }
            : draft with { Source = request.Source ?? draft.Source };
    }

    public static GiveFeedbackCommand ToCommand(PersonRef giver, GiveDraft draft) =>
        new(giver,
            draft.Recipients.Select(r => SlackIds.Person(giver.WorkspaceId, r)).ToArray(),
            draft.Content,
            draft.Kind,
            draft.Visibility == VisibilityChoice.SharedWithManager ? FeedbackVisibility.SharedWithManager : FeedbackVisibility.Private,
            Anonymous: draft.Visibility == VisibilityChoice.Anonymous,
            Source: draft.Source,
            RequestId: draft.RequestId);

    private sealed record Started(StartedGive Give, GiveFeedbackCommand Command, IReadOnlyList<string> Values);
}
