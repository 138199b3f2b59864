using System.Text.Json.Nodes;
using FeedbackBot.Teams.Activities;

namespace FeedbackBot.Teams.Inbound;

/// <summary>
/// Answers to dialog invokes (<c>composeExtension/fetchTask</c>, <c>composeExtension/submitAction</c>,
/// <c>task/fetch</c>, <c>task/submit</c>): show a card in the dialog, or close it with a short message.
/// https://learn.microsoft.com/microsoftteams/platform/messaging-extensions/how-to/action-commands/create-task-module#respond-to-the-fetchtask
/// </summary>
public static class DialogResponse
{
    /// <summary>Shows <paramref name="card"/> in the dialog (opens it, or replaces what it shows).</summary>
    public static InvokeResponse Continue(string title, JsonObject card) => new(200, new JsonObject
    {
        ["task"] = new JsonObject
        {
            ["type"] = "continue",
            ["value"] = new JsonObject
            {
                ["title"] = title,
                ["height"] = "large",
                ["width"] = "medium",
                ["card"] = new JsonObject { ["contentType"] = ActivityTypes.AdaptiveCardContentType, ["content"] = card },
            },
        },
    });

    /// <summary>Closes the dialog showing <paramref name="ownWords"/> (plain text, the bot's own words).</summary>
    public static InvokeResponse Message(string ownWords) => new(200, new JsonObject
    {
        ["task"] = new JsonObject { ["type"] = "message", ["value"] = ownWords },
    });
}
