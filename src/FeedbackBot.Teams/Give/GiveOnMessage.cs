using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FeedbackBot.Teams.Activities;
using FeedbackBot.Teams.Addressing;
using FeedbackBot.Teams.Cards;
using FeedbackBot.Teams.Inbound;
using static FeedbackBot.Teams.Give.JsonText;

namespace FeedbackBot.Teams.Give;

/// <summary>
/// The message action "Give feedback on this message" (manifest <c>commandId</c> <c>giveOnMessage</c>):
/// <c>composeExtension/fetchTask</c> opens the give form in a dialog with the message's author picked (unless it is
/// the giver) and the message as the source (link, plain-text excerpt, author), as Slack's message shortcut does;
/// <c>composeExtension/submitAction</c> acts on the dialog's buttons (all <c>Action.Submit</c>, told apart by
/// <see cref="GiveCards.StepKey"/>): the form again, the coach's review, or the give, answered in the response.
/// https://learn.microsoft.com/microsoftteams/platform/messaging-extensions/how-to/action-commands/create-task-module,
/// https://learn.microsoft.com/microsoftteams/platform/messaging-extensions/how-to/action-commands/respond-to-task-module-submit
/// </summary>
public sealed partial class GiveOnMessage(GiveFlow flow) : ITeamsMessageExtension
{
    public const string CommandId = "giveOnMessage";
    private const int MaxExcerpt = 300;

    public async Task<InvokeResponse> FetchTaskAsync(TeamsTurn turn, JsonObject value, CancellationToken ct)
    {
        var draft = new GiveDraft();
        if (turn.Activity.TenantId is { } tenant && value["messagePayload"] is JsonObject message)
        {
            var author = Str(message["from"]?["user"]?["id"]) is { } aad && Guid.TryParse(aad, out var id)
                ? TeamsAddressBook.Person(tenant, id.ToString("D"))
                : null;
            var url = Ac.OpenUrl("", Str(message["linkToMessage"])) is { } link ? (string?)link["url"] : null;
            draft = draft with
            {
                // Your own message: leave the recipient open rather than prefill a choice that can only fail.
                To = author is not null && author != turn.Sender ? [author.Key] : [],
                Names = author is not null && Str(message["from"]?["user"]?["displayName"]) is { Length: > 0 } name
                    ? new Dictionary<string, string> { [author.Key] = name }
                    : null,
                Source = url is null ? null : new GiveSource(url, Excerpt(message["body"]), author?.Key),
            };
        }

        return Continue(await flow.FormAsync(turn.Sender, draft, CardButtons.DialogSubmit, ct));
    }

    public async Task<InvokeResponse> SubmitActionAsync(TeamsTurn turn, JsonObject value, CancellationToken ct)
    {
        var data = value["data"] as JsonObject ?? new JsonObject();
        var draft = GiveDraft.FromData(data);
        var card = Str(data[GiveCards.StepKey]) switch
        {
            GiveTemplateAction.Verb => await flow.FormAsync(turn.Sender, GiveCards.Read(data), CardButtons.DialogSubmit, ct),
            GiveSubmitAction.Verb => await GiveSubmitAction.SubmitAsync(flow, turn, data, CardButtons.DialogSubmit, ct),
            GiveSendAction.Verb when draft is not null => await flow.SendAsync(turn, draft, CardButtons.DialogSubmit, ct),
            GiveEditAction.Verb when draft is not null => await flow.FormAsync(turn.Sender, draft, CardButtons.DialogSubmit, ct),
            GiveCancelAction.Verb => GiveCards.Note(GiveCancelAction.DroppedText),
            _ => GiveCards.Note(GiveSendAction.UnreadableText),
        };

        // A card with buttons goes on in the dialog; one without (an outcome) closes it with its own words.
        return card["actions"] is JsonArray { Count: > 0 } ? Continue(card) : Done((string)card["fallbackText"]!);
    }

    /// <summary>The message body as plain text: Teams sends HTML; tags dropped, entities decoded once, cut.</summary>
    public static string? Excerpt(JsonNode? body)
    {
        if (Str(body?["content"]) is not { Length: > 0 } content)
        {
            return null;
        }

        var text = Str(body?["contentType"]) == "html" ? WebUtility.HtmlDecode(Tags().Replace(content, " ")) : content;
        text = Spaces().Replace(text, " ").Trim();
        return text.Length == 0 ? null : Ac.Cut(text, MaxExcerpt);
    }

    /// <summary><c>task/continue</c>: the dialog shows <paramref name="card"/>.</summary>
    public static InvokeResponse Continue(JsonObject card) => new(200, new JsonObject
    {
        ["task"] = new JsonObject
        {
            ["type"] = "continue",
            ["value"] = new JsonObject
            {
                ["title"] = "Give feedback",
                ["height"] = "large",
                ["width"] = "medium",
                ["card"] = new JsonObject { ["contentType"] = ActivityTypes.AdaptiveCardContentType, ["content"] = card },
            },
        },
    });

    /// <summary><c>task/message</c>: the dialog closes and Teams shows <paramref name="ownWords"/>.</summary>
    public static InvokeResponse Done(string ownWords) => new(200, new JsonObject
    {
        ["task"] = new JsonObject { ["type"] = "message", ["value"] = ownWords },
    });

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
