using System.Text.Json.Nodes;

namespace FeedbackBot.Slack.Blocks;

/// <summary>Views: the modal.</summary>
public static partial class Bk
{
    /// <summary>A modal view. The title is cut to Slack's 24 characters; blocks beyond 100 are refused.</summary>
    public static JsonObject Modal(string callbackId, string title, IReadOnlyList<JsonObject> blocks, string? submit = null,
        string? privateMetadata = null, string close = "Cancel")
    {
        if (blocks.Count > MaxBlocks)
        {
            throw new ArgumentException($"A view holds at most {MaxBlocks} blocks.", nameof(blocks));
        }

        var view = new JsonObject
        {
            ["type"] = "modal",
            ["callback_id"] = callbackId,
            ["title"] = Plain(title, MaxModalTitle),
            ["close"] = Plain(close, MaxModalTitle),
            ["blocks"] = new JsonArray([.. blocks]),
        };
        if (submit is not null)
        {
            view["submit"] = Plain(submit, MaxModalTitle);
        }

        if (privateMetadata is not null)
        {
            view["private_metadata"] = privateMetadata.Length <= MaxPrivateMetadata
                ? privateMetadata
                : throw new ArgumentException("private_metadata over 3000 chars.", nameof(privateMetadata));
        }

        return view;
    }
}
