using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Slack.Give;
using FeedbackBot.Slack.Text;

namespace FeedbackBot.Slack.Inbound;

/// <summary>
/// A Slack message by its ids (channel, ts, thread ts, author) plus the excerpt shown as a quote. This, never a
/// URL, is what <c>private_metadata</c> and button values carry: both come back inside payloads, which a workspace
/// member can shape, so every id is checked on the way in and the link is rebuilt from the ids and the clicking
/// payload's own team. The excerpt is neutral text (see <see cref="SlackInbound"/>), escaped when shown, and only
/// ever shown to the person the clicker chose, next to their own words.
/// </summary>
public sealed partial record MessageRef(string Channel, string Ts, string? ThreadTs, string? Author, string? Excerpt)
{
    /// <summary>Excerpts are for recognising the message, not for reading it again.</summary>
    public const int MaxExcerpt = 300;

    [GeneratedRegex("^[CDG][A-Z0-9]{1,30}$")]
    private static partial Regex ChannelId();

    [GeneratedRegex(@"^[0-9]{1,12}\.[0-9]{1,8}$")]
    private static partial Regex Timestamp();

    /// <summary>A reference when channel and ts look like Slack's; ill-formed optional parts are dropped.</summary>
    public static MessageRef? Create(string? channel, string? ts, string? threadTs, string? author, string? excerpt) =>
        channel is not null && ChannelId().IsMatch(channel) && ts is not null && Timestamp().IsMatch(ts)
            ? new MessageRef(channel, ts,
                threadTs is not null && Timestamp().IsMatch(threadTs) ? threadTs : null,
                Mrkdwn.IsUserId(author) ? author : null,
                string.IsNullOrEmpty(excerpt) ? null : Mrkdwn.Truncate(excerpt, MaxExcerpt))
            : null;

    /// <summary>The source link for Core, with the permalink built here from ids (never taken from a payload).</summary>
    public SourceLink? ToSource(string teamId, string? teamDomain) =>
        GiveOnMessageShortcut.Permalink(teamDomain, Channel, new SlackMessage(Ts, null, Author, ThreadTs)) is { } url
            ? new SourceLink(url, Excerpt, Author is null ? null : SlackIds.Person(teamId, Author))
            : null;

    /// <summary>Adds the ids (and excerpt) to a metadata or button-value object.</summary>
    public void WriteTo(JsonObject target, int maxExcerpt = MaxExcerpt)
    {
        target["c"] = Channel;
        target["m"] = Ts;
        target["th"] = ThreadTs;
        target["a"] = Author;
        target["e"] = Excerpt is null ? null : Mrkdwn.Truncate(Excerpt, maxExcerpt);
    }

    /// <summary>Reads what <see cref="WriteTo"/> wrote; null when the ids are missing or ill-formed.</summary>
    public static MessageRef? ReadFrom(JsonNode? source) =>
        source is JsonObject o
            ? Create(Interaction.Str(o["c"]), Interaction.Str(o["m"]), Interaction.Str(o["th"]), Interaction.Str(o["a"]), Interaction.Str(o["e"]))
            : null;

    /// <summary>Parses a metadata or button-value string; null for anything that is not one of ours.</summary>
    public static JsonObject? ParseObject(string? json)
    {
        if (string.IsNullOrEmpty(json) || json.Length > 3000)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(json, documentOptions: new System.Text.Json.JsonDocumentOptions { AllowDuplicateProperties = false }) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
