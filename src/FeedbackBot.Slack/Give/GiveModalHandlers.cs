using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Slack.Api;
using FeedbackBot.Slack.Background;
using FeedbackBot.Slack.Coaching;
using FeedbackBot.Slack.Http;
using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Slack.Give;

/// <summary>
/// Submit of the Give modal. Checks that need no lookup answer with <c>response_action: errors</c> at once;
/// Core's give runs within the ack budget so bots, unknown people and anonymity refusals show as field errors
/// too. If Slack is too slow for that, the modal closes and the outcome arrives as a DM.
/// </summary>
public sealed class GiveSubmission(GiveService give, IRequestStore requests) : IViewSubmissionHandler
{
    public async Task<IResult> HandleAsync(Interaction interaction, SlackView view, CancellationToken ct)
    {
        var draft = await WithRequestAsync(GiveModal.Read(view, interaction), interaction.Person, requests, ct);
        var firstPart = GiveModal.PartBlock(TemplateParts.For(draft.Template)[0]);
        var errors = new Dictionary<string, string>();
        if (draft.Recipients.Count == 0)
        {
            errors[GiveModal.RecipientsBlock] = new GiveProblem(GiveProblemCode.NoRecipients).Message;
        }
        else if (draft.Recipients.Contains(interaction.UserId))
        {
            errors[GiveModal.RecipientsBlock] = new GiveProblem(GiveProblemCode.Self).Message;
        }

        var text = draft.Content.PlainText;
        if (string.IsNullOrWhiteSpace(text))
        {
            errors[firstPart] = new GiveProblem(GiveProblemCode.EmptyText).Message;
        }
        else if (text.Length > GiveFeedback.MaxLength)
        {
            errors[firstPart] = new GiveProblem(GiveProblemCode.TooLong).Message;
        }

        if (errors.Count > 0)
        {
            return SlackReplies.ViewErrors(errors);
        }

        var command = ToCommand(interaction.Person, draft);
        // One modal, one give: a double submit or a replayed submission finds the view's id claimed and just closes.
        var outcome = await give.GiveWithinBudgetAsync(command, new OnceKey("view", view.Id), async (sp, late, lateCt) =>
        {
            if (!late.Succeeded && !late.Duplicate)
            {
                // The modal is closed already: a DM is the only place left to explain.
                await sp.GetRequiredService<SlackApiClient>().SendDmAsync(interaction.TeamId, interaction.UserId,
                    GiveService.Describe(late, command.Recipients), null, lateCt);
            }
        });

        if (outcome is null || outcome.Succeeded || outcome.Duplicate)
        {
            return SlackReplies.Ack();
        }

        if (outcome.Failure is not null)
        {
            return SlackReplies.ViewErrors(new Dictionary<string, string>
            {
                [GiveModal.RecipientsBlock] = "I couldn't save this just now, so nothing was sent. Please try again.",
            });
        }

        foreach (var problem in outcome.Result!.Problems)
        {
            var block = problem.Code switch
            {
                GiveProblemCode.EmptyText or GiveProblemCode.TooLong => firstPart,
                GiveProblemCode.AnonymousNotAccepted => GiveModal.VisibilityBlock,
                _ => GiveModal.RecipientsBlock,
            };
            // Slack shows error strings as plain text: no escaping, but one message per field.
            errors[block] = errors.TryGetValue(block, out var existing) ? $"{existing} {PlainProblem(problem)}" : PlainProblem(problem);
        }

        return SlackReplies.ViewErrors(errors);
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

    private static string PlainProblem(GiveProblem problem) =>
        problem.Code == GiveProblemCode.UnknownPerson ? "One of these people isn't in this workspace." : problem.Message;
}

/// <summary>
/// Live coach and template switch: every keystroke in a field (on_character_entered) and every template pick
/// re-renders the modal with views.update, through <see cref="Views.LiveViewUpdates"/> (latest keystroke only, one
/// update in flight per view, no retries). The view's hash makes a stale update fail (hash_conflict) rather than
/// overwrite newer typing, and the next keystroke brings a fresh one.
/// </summary>
public sealed class GiveModalRefresh(Views.LiveViewUpdates live) : IBlockActionHandler
{
    public Task<IResult> HandleAsync(Interaction interaction, BlockAction action, CancellationToken ct)
    {
        if (interaction.View is not { CallbackId: GiveModal.CallbackId } view)
        {
            return Task.FromResult(SlackReplies.Ack());
        }

        var templateChange = action.ActionId == GiveModal.TemplateAction;
        live.Request(view.Id, async (sp, workCt) =>
        {
            var draft = await GiveSubmission.WithRequestAsync(GiveModal.Read(view, interaction), interaction.Person,
                sp.GetRequiredService<IRequestStore>(), workCt);
            var coach = sp.GetService<IDraftCoach>();
            if (coach is null && !templateChange)
            {
                return;
            }

            var advice = coach?.Review(draft.Content, draft.Kind);
            await sp.GetRequiredService<SlackApiClient>().UpdateViewAsync(interaction.TeamId, view.Id, view.Hash, GiveModal.Build(draft, advice), workCt, live: true);
        });
        return Task.FromResult(SlackReplies.Ack());
    }
}

/// <summary>Recipients picked: look their profiles up now so the submit check hits the cache.</summary>
public sealed class GiveRecipientsPicked(SlackBackgroundQueue queue) : IBlockActionHandler
{
    public Task<IResult> HandleAsync(Interaction interaction, BlockAction action, CancellationToken ct)
    {
        if (interaction.View is { } view)
        {
            var recipients = GiveModal.Read(view, interaction).Recipients;
            queue.Enqueue(async (sp, workCt) =>
            {
                var people = sp.GetRequiredService<IPeopleDirectory>();
                foreach (var id in recipients)
                {
                    try
                    {
                        await people.GetProfileAsync(SlackIds.Person(interaction.TeamId, id), workCt);
                    }
                    catch (PeopleLookupException ex)
                    {
                        sp.GetRequiredService<ILogger<GiveRecipientsPicked>>().LogDebug(ex, "Prefetch of {User} failed", id);
                    }
                }
            });
        }

        return Task.FromResult(SlackReplies.Ack());
    }
}

/// <summary>Message shortcut "Give feedback on this message": the modal with the author picked and a link back.</summary>
public sealed class GiveOnMessageShortcut(ModalOpener modals) : IShortcutHandler
{
    public const string CallbackId = "give_feedback_on_message";

    public Task<IResult> HandleAsync(Interaction interaction, CancellationToken ct)
    {
        var about = About(interaction);
        var author = about?.Author;
        var draft = GiveDraft.Empty with
        {
            // Your own message: leave the recipient open rather than prefill a choice that can only fail.
            Recipients = author is not null && author != interaction.UserId ? [author] : [],
            Source = about?.ToSource(interaction.TeamId, interaction.TeamDomain),
            About = about,
        };
        _ = modals.Open(interaction.TeamId, interaction.TriggerId, GiveModal.Build(draft), interaction.ResponseUrl);
        return Task.FromResult(SlackReplies.Ack());
    }

    /// <summary>The shortcut's message by ids, with its text decoded once (Slack escaped it) as the excerpt.</summary>
    public static MessageRef? About(Interaction interaction) =>
        interaction.Message is { } message
            ? MessageRef.Create(interaction.ChannelId, message.Ts, message.ThreadTs, message.UserId, SlackInbound.Decode(message.Text))
            : null;

    /// <summary>
    /// Slack's permalink shape, built locally: chat.getPermalink would cost a Web API call before views.open,
    /// and the trigger_id only lives 3 s.
    /// </summary>
    public static string? Permalink(string? teamDomain, string? channelId, SlackMessage message)
    {
        if (string.IsNullOrEmpty(teamDomain) || string.IsNullOrEmpty(channelId)
            || !teamDomain.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
            || !channelId.All(char.IsAsciiLetterOrDigit))
        {
            return null;
        }

        var url = $"https://{teamDomain}.slack.com/archives/{channelId}/p{message.Ts.Replace(".", "", StringComparison.Ordinal)}";
        return message.ThreadTs is { } thread && thread != message.Ts
            ? $"{url}?thread_ts={Uri.EscapeDataString(thread)}&cid={channelId}"
            : url;
    }
}

/// <summary>Global shortcut "Give feedback" (from the ⚡ menu): the empty Give modal.</summary>
public sealed class GiveGlobalShortcut(ModalOpener modals) : IShortcutHandler
{
    public const string CallbackId = "give_feedback_global";

    public Task<IResult> HandleAsync(Interaction interaction, CancellationToken ct)
    {
        _ = modals.Open(interaction.TeamId, interaction.TriggerId, GiveModal.Build(GiveDraft.Empty), null);
        return Task.FromResult(SlackReplies.Ack());
    }
}
