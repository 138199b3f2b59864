using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.People;

namespace FeedbackBot.Teams.Give;

/// <summary>Who besides the recipient may see the feedback, as the give form offers it.</summary>
public enum GiveVisibility
{
    Private,
    SharedWithManager,
    Anonymous,
}

/// <summary>What the feedback is about (a Teams message): its link, a plain-text excerpt and its author's person key.</summary>
public sealed record GiveSource(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("excerpt")] string? Excerpt,
    [property: JsonPropertyName("author")] string? Author);

/// <summary>
/// A give in the making, as it rides in a card's <c>Action.Execute</c> / <c>Action.Submit</c> data between turns
/// (Teams echoes an action's data back, so no server-side draft store is needed). The giver is never in it: it is
/// always the person who clicked.
/// <para>
/// <see cref="To"/> holds recipients as the cards and commands name them: an Entra object id (the Graph people
/// picker's value), a Core person key (<c>teams:{tenant}:{aad}</c>), or a <c>29:</c> id from a mention, resolved
/// through the members API of the conversation <see cref="In"/> it was mentioned in (see <see cref="GiveRecipients"/>).
/// <see cref="Names"/> are the display names Teams gave with the mentions, for showing only (user text).
/// </para>
/// </summary>
public sealed record GiveDraft
{
    /// <summary>One-shot id: the give is acted on once per id (<see cref="TeamsGiver"/>), however often it is clicked.</summary>
    [JsonPropertyName("id")] public string Id { get; init; } = NewId();
    [JsonPropertyName("to")] public IReadOnlyList<string> To { get; init; } = [];
    [JsonPropertyName("names")] public IReadOnlyDictionary<string, string>? Names { get; init; }
    [JsonPropertyName("in")] public string? In { get; init; }
    [JsonPropertyName("template")] public FeedbackTemplate Template { get; init; } = FeedbackTemplate.Free;
    [JsonIgnore] public IReadOnlyDictionary<string, string> Parts { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// <see cref="Parts"/> on the wire as <c>[[part, text]…]</c>: part names such as <c>text</c> must not become
    /// JSON keys beside card elements' own <c>text</c>, where a reader of the card JSON would take them for one.
    /// </summary>
    [JsonPropertyName("parts")]
    public IReadOnlyList<string[]> PartsOnTheWire
    {
        get => Parts.Select(p => new[] { p.Key, p.Value }).ToArray();
        init => Parts = value.Where(p => p is { Length: 2 }).GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.Last()[1]);
    }
    [JsonPropertyName("kind")] public FeedbackKind Kind { get; init; } = FeedbackKind.Praise;
    [JsonPropertyName("visibility")] public GiveVisibility Visibility { get; init; } = GiveVisibility.Private;
    [JsonPropertyName("requestId")] public string? RequestId { get; init; }
    [JsonPropertyName("source")] public GiveSource? Source { get; init; }
    /// <summary>Company values picked for praise (<c>Values:List</c>); checked against the configured list before they are stored.</summary>
    [JsonPropertyName("values")] public IReadOnlyList<string>? Values { get; init; }

    /// <summary>The key under which a card action carries the draft in its data.</summary>
    public const string DataKey = "draft";

    public static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>A free-text draft (the quick give).</summary>
    public static GiveDraft FromText(IReadOnlyList<string> to, string text, IReadOnlyDictionary<string, string>? names = null, string? mentionedIn = null) => new()
    {
        To = to,
        Names = names,
        In = mentionedIn,
        Parts = new Dictionary<string, string> { [TemplateParts.Text] = text },
    };

    /// <summary>The written feedback: the template's parts, trimmed, missing ones empty.</summary>
    [JsonIgnore]
    public FeedbackContent Content => new(Template, TemplateParts.For(Template)
        .ToDictionary(p => p, p => Parts.TryGetValue(p, out var t) ? t.Trim() : ""));

    /// <summary>The same draft in <paramref name="template"/>: parts of the same name kept, the others' text moved into the first part, so nothing typed is lost.</summary>
    public GiveDraft WithTemplate(FeedbackTemplate template)
    {
        var target = TemplateParts.For(template);
        var parts = target.ToDictionary(p => p, p => Parts.TryGetValue(p, out var t) ? t : "");
        var orphans = Parts.Where(p => !target.Contains(p.Key) && !string.IsNullOrWhiteSpace(p.Value)).Select(p => p.Value.Trim());
        var moved = string.Join("\n", orphans);
        if (moved.Length > 0)
        {
            parts[target[0]] = string.IsNullOrWhiteSpace(parts[target[0]]) ? moved : parts[target[0]].TrimEnd() + "\n" + moved;
        }

        return this with { Template = template, Parts = parts };
    }

    public JsonObject ToJson() => (JsonObject)JsonSerializer.SerializeToNode(this, GiveJson.Default.GiveDraft)!;

    /// <summary>The draft carried in an action's data, or null when there is none (or it is not one of ours).</summary>
    public static GiveDraft? FromData(JsonObject data)
    {
        if (data[DataKey] is not JsonObject json)
        {
            return null;
        }

        try
        {
            var draft = json.Deserialize(GiveJson.Default.GiveDraft);
            return draft is { Id.Length: > 0 and <= 64 } ? draft : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    /// <summary>The Core command for <paramref name="giver"/>, once recipients are resolved.</summary>
    public GiveFeedbackCommand ToCommand(PersonRef giver, IReadOnlyList<PersonRef> recipients, SourceLink? source) =>
        new(giver, recipients, Content, Kind,
            Visibility == GiveVisibility.SharedWithManager ? FeedbackVisibility.SharedWithManager : FeedbackVisibility.Private,
            Anonymous: Visibility == GiveVisibility.Anonymous,
            Source: source,
            RequestId: RequestId);

    /// <summary>The name to show for recipient <paramref name="id"/> when the draft knows one.</summary>
    public string? NameOf(string id) => Names is not null && Names.TryGetValue(id, out var name) ? name : null;
}

[JsonSourceGenerationOptions(UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GiveDraft))]
[JsonSerializable(typeof(GiveWorkItem))]
internal sealed partial class GiveJson : JsonSerializerContext;
