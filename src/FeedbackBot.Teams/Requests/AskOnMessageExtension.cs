using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Teams.Activities;
using FeedbackBot.Teams.Cards;
using FeedbackBot.Teams.Inbound;
using FeedbackBot.Teams.People;
using FeedbackBot.Core.Ports;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Teams.Requests;

/// <summary>
/// Message extension action "Ask for feedback on this message" (manifest commandId <see cref="CommandId"/>,
/// context <c>message</c>). <c>fetchTask</c> answers the request form in a dialog, quoting and linking the message
/// (its author, an excerpt of its text, its link are carried in the form as the request's source);
/// <c>submitAction</c> checks the form, stores the request as durable work (<see cref="RequestWork"/>) and closes the dialog with "Asking…";
/// how it went arrives in the requester's 1:1.
/// https://learn.microsoft.com/microsoftteams/platform/messaging-extensions/how-to/action-commands/define-action-command
/// </summary>
public sealed partial class AskOnMessageExtension(TeamsRequestRunner runner, TeamsPeopleResolver resolver, IBackgroundWork work, ILogger<AskOnMessageExtension> logger) : ITeamsMessageExtension
{
    public const string CommandId = "askOnMessage";
    private const string Title = "Ask for feedback";
    private const int MaxExcerpt = 300;

    public async Task<InvokeResponse> FetchTaskAsync(TeamsTurn turn, JsonObject value, CancellationToken ct)
    {
        if (turn.Sender is not { } requester)
        {
            return DialogResponse.Message("I can't tell who you are in Teams, so I can't ask for you.");
        }

        var source = Source(value["messagePayload"] as JsonObject, requester.WorkspaceId);
        var form = new RequestForm([], "", await runner.DefaultDueDateAsync(requester, ct), source);
        return DialogResponse.Continue(Title, RequestCards.Form(form, inDialog: true));
    }

    public async Task<InvokeResponse> SubmitActionAsync(TeamsTurn turn, JsonObject value, CancellationToken ct)
    {
        var data = value["data"] as JsonObject ?? new JsonObject();
        var accepted = await RequestSubmission.AcceptAsync(turn, data, inDialog: true, runner, resolver, ct);
        if (accepted.Work is not { } item)
        {
            return DialogResponse.Continue(Title, accepted.Card);
        }

        // No conversation in the item: how it went arrives in the requester's 1:1 (the dialog is closed by then).
        return await work.TryEnqueueAsync(RequestWork.Kind, RequestWork.Payload(item), logger, ct)
            ? DialogResponse.Message("Asking for feedback now. I'll message you how it went.")
            : DialogResponse.Continue(Title, accepted.NotSaved);
    }

    /// <summary>
    /// The message as a request's source: its link (http(s) only), a plain-text excerpt of its HTML body (tags
    /// dropped, entities decoded once), and its author when Teams names them by Entra object id.
    /// </summary>
    public static SourceLink? Source(JsonObject? message, string tenantId)
    {
        var about = new JsonObject
        {
            ["url"] = Ac.Str(message, "linkToMessage"),
            ["excerpt"] = Excerpt(message?["body"] as JsonObject),
            ["author"] = Ac.Str(message?["from"]?["user"] as JsonObject, "id"),
        };
        return RequestCards.ReadSource(about, tenantId);
    }

    private static string? Excerpt(JsonObject? body)
    {
        var content = Ac.Str(body, "content");
        if (content is null)
        {
            return null;
        }

        var text = Ac.Str(body, "contentType") == "html" ? WebUtility.HtmlDecode(Tags().Replace(content, " ")) : content;
        text = Spaces().Replace(text, " ").Trim();
        return text.Length == 0 ? null : Ac.Cut(text, MaxExcerpt);
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
