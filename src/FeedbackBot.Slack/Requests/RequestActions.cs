using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Nudges;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Requests;
using FeedbackBot.Slack.Background;
using FeedbackBot.Slack.Blocks;
using FeedbackBot.Slack.Give;
using FeedbackBot.Slack.Http;
using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Slack.Requests;

/// <summary>
/// "Give feedback" on an ask: the Give modal with the requester picked and the request id in private_metadata,
/// so the stored item carries RequestId and Core's delivery job records the answer. The pending check is a
/// store read, fast enough to do before views.open.
/// </summary>
public sealed class RequestGiveAction(IRequestStore requests, ModalOpener modals, SlackBackgroundQueue queue) : IBlockActionHandler
{
    public const string ActionId = "request_give";

    public async Task<IResult> HandleAsync(Interaction interaction, BlockAction action, CancellationToken ct)
    {
        var request = action.Value is { Length: > 0 and <= 64 } id ? await requests.GetAsync(id, ct) : null;
        if (RequestService.Refusal(request, interaction.Person) is { } refusal)
        {
            queue.Enqueue((sp, workCt) => RequestService.TellAsync(sp, interaction, refusal, workCt));
            return SlackReplies.Ack();
        }

        var draft = GiveDraft.Empty with
        {
            Recipients = [request!.Requester.UserId],
            Source = request.Source,
            RequestId = request.Id,
        };
        _ = modals.Open(interaction.TeamId, interaction.TriggerId, GiveModal.Build(draft), interaction.ResponseUrl);
        return SlackReplies.Ack();
    }
}

/// <summary>"Decline": a small modal with an optional reason; refused at once for anyone not pending on the request.</summary>
public sealed class RequestDeclineAction(IRequestStore requests, ModalOpener modals, SlackBackgroundQueue queue) : IBlockActionHandler
{
    public const string ActionId = "request_decline";

    public async Task<IResult> HandleAsync(Interaction interaction, BlockAction action, CancellationToken ct)
    {
        var request = action.Value is { Length: > 0 and <= 64 } id ? await requests.GetAsync(id, ct) : null;
        if (RequestService.Refusal(request, interaction.Person) is { } refusal)
        {
            queue.Enqueue((sp, workCt) => RequestService.TellAsync(sp, interaction, refusal, workCt));
            return SlackReplies.Ack();
        }

        _ = modals.Open(interaction.TeamId, interaction.TriggerId,
            DeclineSubmission.Modal(request!, fromHome: interaction.View?.Type == "home"), interaction.ResponseUrl);
        return SlackReplies.Ack();
    }
}

/// <summary>
/// Decline modal submit. Core's decline DMs the requester, which is Web API work, so it runs after the ack;
/// the clicker's confirmation goes to the response_url of the message they clicked (valid 30 minutes).
/// </summary>
public sealed class DeclineSubmission(IRequestStore requests, SlackBackgroundQueue queue) : IViewSubmissionHandler
{
    public const string CallbackId = "request_decline";
    private const string ReasonBlock = "decline_reason";
    private const string ReasonAction = "decline_reason_text";

    /// <summary>
    /// The decline modal. Its private_metadata holds the request id and where it was opened, nothing else: a
    /// response_url there would be an address a crafted payload could choose, so the outcome goes by DM.
    /// </summary>
    public static JsonObject Modal(FeedbackRequest request, bool fromHome = false)
    {
        var meta = new JsonObject { ["r"] = request.Id, ["h"] = fromHome ? true : null }.ToJsonString();
        return Bk.Modal(CallbackId, "Decline request", [
            Bk.Section($"{Mrkdwn.Mention(request.Requester.UserId)} asked:\n{Mrkdwn.Quote(Mrkdwn.Safe(request.Question, 1000))}"),
            Bk.Input(ReasonBlock, "Reason (optional)", new JsonObject
            {
                ["type"] = "plain_text_input",
                ["action_id"] = ReasonAction,
                ["multiline"] = true,
                ["max_length"] = DeclineRequest.MaxReasonLength,
            }, optional: true, hint: "They will see this. A short why helps them ask someone else."),
        ], submit: "Decline", privateMetadata: meta);
    }

    public async Task<IResult> HandleAsync(Interaction interaction, SlackView view, CancellationToken ct)
    {
        var meta = MessageRef.ParseObject(view.PrivateMetadata);
        var requestId = Interaction.Str(meta?["r"]) is { Length: <= 64 } r ? r : null;
        var fromHome = meta?["h"] is JsonValue h && h.TryGetValue<bool>(out var b) && b;

        var request = requestId is null ? null : await requests.GetAsync(requestId, ct);
        if (RequestService.Refusal(request, interaction.Person) is { } refusal)
        {
            // Plain text: Slack shows view errors without mrkdwn.
            return SlackReplies.ViewErrors(new Dictionary<string, string> { [ReasonBlock] = refusal });
        }

        var reason = view.State[ReasonBlock, ReasonAction]?.Value;
        var person = interaction.Person;
        queue.Enqueue(async (sp, workCt) =>
        {
            var outcome = await sp.GetRequiredService<DeclineRequest>().RunAsync(request!.Id, person, reason, workCt);
            var text = outcome == RecipientActionOutcome.Done
                ? $":ok_hand: You declined {Mrkdwn.Mention(request.Requester.UserId)}'s request. I told them" + (reason is null ? "." : ", with your reason.")
                : RequestService.Refusal(await sp.GetRequiredService<IRequestStore>().GetAsync(request.Id, workCt), person) ?? "Nothing changed.";
            // A view submission has no response_url of its own: the outcome goes by DM.
            await RequestService.TellAsync(sp, interaction with { ResponseUrl = null }, text, workCt);
            await RequestService.RefreshHomeAsync(sp, person, fromHome, workCt);
        });
        return SlackReplies.Ack();
    }
}

/// <summary>"Snooze 1 day": quiet until the start of the next working day, then told when, in the person's zone.</summary>
public sealed class RequestSnoozeAction(SlackBackgroundQueue queue) : IBlockActionHandler
{
    public const string ActionId = "request_snooze";

    public Task<IResult> HandleAsync(Interaction interaction, BlockAction action, CancellationToken ct)
    {
        var person = interaction.Person;
        queue.Enqueue(async (sp, workCt) =>
        {
            var request = action.Value is { Length: > 0 and <= 64 } id ? await sp.GetRequiredService<IRequestStore>().GetAsync(id, workCt) : null;
            if (RequestService.Refusal(request, person) is { } refusal)
            {
                await RequestService.TellAsync(sp, interaction, refusal, workCt);
                return;
            }

            var result = await sp.GetRequiredService<SnoozeRequest>().RunAsync(request!.Id, person, workCt);
            if (result is not { Outcome: RecipientActionOutcome.Done, Until: { } until })
            {
                await RequestService.TellAsync(sp, interaction, RequestService.Refusal(request, person) ?? "Nothing changed.", workCt);
                return;
            }

            var zone = (await sp.GetRequiredService<PersonClock>().LoadAsync(person, workCt)).Calendar.TimeZone;
            await RequestService.TellAsync(sp, interaction,
                $":zzz: Snoozed. I'll remind you about {Mrkdwn.Mention(request.Requester.UserId)}'s request {Local(until, zone)}.", workCt);
            await RequestService.RefreshHomeAsync(sp, person, interaction.View?.Type == "home", workCt);
        });
        return Task.FromResult(SlackReplies.Ack());
    }

    /// <summary>"on Mon 1 Dec at 09:00 (Europe/Berlin)": the zone the snooze was computed in, named so nobody guesses.</summary>
    public static string Local(DateTimeOffset at, TimeZoneInfo zone) =>
        "on " + TimeZoneInfo.ConvertTime(at, zone).ToString("ddd d MMM 'at' HH:mm", CultureInfo.InvariantCulture) + $" ({Mrkdwn.Escape(zone.Id)})";
}

/// <summary>
/// Request modal submit. Checks that need no lookup answer with <c>response_action: errors</c> at once; Core's
/// ValidateAsync (users.info: bots, unknown people) runs within the ack budget so those show as field errors too.
/// Storing and asking (one DM per recipient) run after the ack; the requester gets the outcome by DM.
/// </summary>
public sealed class RequestSubmission(RequestService service, SlackBackgroundQueue queue) : IViewSubmissionHandler
{
    public async Task<IResult> HandleAsync(Interaction interaction, SlackView view, CancellationToken ct)
    {
        var command = RequestModal.Read(view, interaction).ToCommand(interaction.Person);
        if (Errors(RequestService.QuickProblems(command), view) is { } quick)
        {
            return quick;
        }

        var problems = await service.WithinBudgetAsync<IReadOnlyList<RequestProblem>>(async (sp, workCt) =>
        {
            try
            {
                return await sp.GetRequiredService<RequestFeedback>().ValidateAsync(command, workCt);
            }
            catch (Api.SlackApiException)
            {
                // RequestAsync below validates again and reports to the requester by DM.
                return [];
            }
        }, (_, _, _) => Task.CompletedTask);
        if (problems is { Count: > 0 } && Errors(problems, view) is { } errors)
        {
            return errors;
        }

        queue.Enqueue(async (sp, workCt) =>
        {
            var outcome = await RequestService.RunRequestAsync(sp, command, workCt);
            var text = RequestService.Describe(outcome);
            await sp.GetRequiredService<Api.SlackApiClient>().SendDmAsync(interaction.TeamId, interaction.UserId, text, null, workCt);
        });
        return SlackReplies.Ack();
    }

    private static IResult? Errors(IReadOnlyList<RequestProblem> problems, SlackView view)
    {
        if (problems.Count == 0)
        {
            return null;
        }

        var errors = new Dictionary<string, string>();
        foreach (var problem in problems)
        {
            var block = RequestModal.BlockFor(problem.Code, view);
            var message = problem.Code == RequestProblemCode.UnknownPerson ? "One of these people isn't in this workspace." : problem.Message;
            errors[block] = errors.TryGetValue(block, out var existing) ? $"{existing} {message}" : message;
        }

        return SlackReplies.ViewErrors(errors);
    }
}
