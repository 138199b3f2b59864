using System.Text.Json.Nodes;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Requests;
using FeedbackBot.Slack.Blocks;
using FeedbackBot.Slack.Home;
using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Text;

namespace FeedbackBot.Slack.Requests;

/// <summary>
/// Decline modal submit. The ack checks the clicker may decline; Core's decline DMs the requester, which is Web
/// API work, so it runs in RunAsync, and the clicker's confirmation goes by DM (a view submission has no
/// response_url of its own).
/// </summary>
public sealed class DeclineSubmission(IRequestStore requests, DeclineRequest decline, PrivateReply reply, HomePublisher home) : IViewSubmissionHandler
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

    public async ValueTask<SlackAck> AckAsync(Interaction interaction, SlackView view, CancellationToken ct)
    {
        var meta = MessageRef.ParseObject(view.PrivateMetadata);
        var requestId = Interaction.Str(meta?["r"]) is { Length: <= Core.Ids.MaxLength } r ? r : null;
        var fromHome = meta?["h"] is JsonValue h && h.TryGetValue<bool>(out var b) && b;

        var request = requestId is null ? null : await requests.GetAsync(requestId, ct);
        if (RequestService.Refusal(request, interaction.Person) is { } refusal)
        {
            // Plain text: Slack shows view errors without mrkdwn.
            return SlackAck.ViewErrors(new Dictionary<string, string> { [ReasonBlock] = refusal });
        }

        var reason = view.State[ReasonBlock, ReasonAction]?.Value;
        return SlackAck.Ok.ThenRun(new Declining(request!, reason, fromHome));
    }

    public async Task RunAsync(Interaction interaction, SlackView view, object? state, CancellationToken ct)
    {
        if (state is not Declining (var request, var reason, var fromHome))
        {
            return;
        }

        var person = interaction.Person;
        var outcome = await decline.RunAsync(request.Id, person, reason, ct);
        var text = outcome == RecipientActionOutcome.Done
            ? $":ok_hand: You declined {Mrkdwn.Mention(request.Requester.UserId)}'s request. I told them" + (reason is null ? "." : ", with your reason.")
            : RequestService.Refusal(await requests.GetAsync(request.Id, ct), person) ?? "Nothing changed.";
        await reply.TellAsync(SlackRequester.Of(interaction) with { ResponseUrl = null }, text, ct);
        await home.RepublishIfFromHomeAsync(person, fromHome, ct);
    }

    private sealed record Declining(FeedbackRequest Request, string? Reason, bool FromHome);
}
