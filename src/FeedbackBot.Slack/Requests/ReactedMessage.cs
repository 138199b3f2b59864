using System.Text.Json.Nodes;
using FeedbackBot.Slack.Blocks;
using FeedbackBot.Slack.Inbound;

namespace FeedbackBot.Slack.Requests;

/// <summary>
/// The message a reaction was about, carried in a prompt button's value (at most 2000 chars) as ids and excerpt
/// only (see <see cref="MessageRef"/>): the permalink the event handler got from chat.getPermalink goes into the DM
/// text, never into the button, whose value comes back in a payload a workspace member can shape.
/// </summary>
public static class ReactedMessage
{
    public static string Encode(MessageRef message)
    {
        var value = Json(message, MessageRef.MaxExcerpt);
        // An excerpt full of characters JSON escapes can outgrow the button; the ids alone still work.
        return value.Length <= Bk.MaxButtonValue ? value : Json(message with { Excerpt = null }, 0);
    }

    /// <summary>The message, or null for a value that is not one of ours or names no author.</summary>
    public static MessageRef? Decode(string? value) =>
        MessageRef.ReadFrom(MessageRef.ParseObject(value)) is { Author: not null } message ? message : null;

    private static string Json(MessageRef message, int maxExcerpt)
    {
        var o = new JsonObject();
        message.WriteTo(o, maxExcerpt);
        return o.ToJsonString();
    }
}
