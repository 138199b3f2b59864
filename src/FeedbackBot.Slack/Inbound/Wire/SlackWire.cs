using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace FeedbackBot.Slack.Inbound.Wire;

// Slack's JSON as it arrives, only the fields the bot reads (others are skipped). Names follow Slack's snake_case
// through the context's naming policy. These records are not trusted: Payloads.cs checks them and turns them into
// the domain records the handlers use (Interaction, SlackView, SlackEvent...).
// Interactivity payloads: https://docs.slack.dev/reference/interaction-payloads/
// Events API envelope: https://docs.slack.dev/apis/events-api/#callback-field

/// <summary>Any interactivity payload (the JSON in the <c>payload</c> form field).</summary>
internal sealed record InteractionWire(
    string? Type,
    TeamWire? Team,
    UserWire? User,
    string? CallbackId,
    string? TriggerId,
    string? ResponseUrl,
    ChannelWire? Channel,
    ContainerWire? Container,
    IReadOnlyList<ElementWire?>? Actions,
    ViewWire? View,
    MessageWire? Message);

internal sealed record TeamWire(string? Id, string? Domain);

/// <summary><c>team_id</c> is the user's home team, which differs from the app's team on Enterprise Grid.</summary>
internal sealed record UserWire(string? Id, string? TeamId);

internal sealed record ChannelWire(string? Id);

internal sealed record ContainerWire(string? Type, string? ChannelId, string? ViewId, string? MessageTs);

internal sealed record MessageWire(string? Ts, string? Text, string? User, string? ThreadTs);

internal sealed record ViewWire(
    string? Id,
    string? TeamId,
    string? Type,
    string? CallbackId,
    string? PrivateMetadata,
    string? Hash,
    StateWire? State);

/// <summary><c>view.state.values</c>: block_id → action_id → the element's current value.</summary>
internal sealed record StateWire(IReadOnlyDictionary<string, IReadOnlyDictionary<string, ElementWire?>?>? Values);

/// <summary>
/// An element's value, in <c>state.values</c> and in block_actions' <c>actions</c> (which add the ids): which field
/// is set depends on the element's type.
/// https://docs.slack.dev/reference/interaction-payloads/view-interactions-payload/#view_submission
/// </summary>
internal sealed record ElementWire(
    string? ActionId,
    string? BlockId,
    string? ActionTs,
    string? Type,
    string? Value,
    OptionWire? SelectedOption,
    IReadOnlyList<OptionWire?>? SelectedOptions,
    string? SelectedUser,
    IReadOnlyList<string?>? SelectedUsers,
    string? SelectedConversation,
    string? SelectedChannel,
    string? SelectedDate,
    string? SelectedTime);

/// <summary>A selected option; its <c>text</c> is display only and not read.</summary>
internal sealed record OptionWire(string? Value);

/// <summary>
/// The Events API envelope (<c>url_verification</c>, <c>event_callback</c>, <c>app_rate_limited</c>...). The inner
/// event stays raw here: its shape depends on its type, and types the bot does not handle are acknowledged unread.
/// </summary>
internal sealed record EventEnvelopeWire(string? Type, string? Challenge, string? TeamId, string? EventId, JsonElement? Event);

/// <summary>The inner event's type, read before deciding whether to read the rest.</summary>
internal sealed record EventTypeWire(string? Type);

/// <summary>
/// The fields of the events the bot handles (app_home_opened, reaction_added, member_joined_channel,
/// app_mention); each event sets the ones its type has. https://docs.slack.dev/reference/events
/// </summary>
public sealed record SlackEventBody(
    string? Type,
    string? User,
    string? Channel,
    string? Tab,
    string? Reaction,
    string? ItemUser,
    SlackEventItem? Item,
    string? Inviter,
    string? Text,
    string? Ts,
    string? ThreadTs,
    string? BotId);

/// <summary>What a reaction was added to (reaction_added's <c>item</c>): a message, a file or a file comment.</summary>
public sealed record SlackEventItem(string? Type, string? Channel, string? Ts);

/// <summary>
/// A Slack event as stored for the background job (the same names as the first stored form, so jobs queued before
/// an upgrade still read).
/// </summary>
internal sealed record StoredEventWire(
    [property: JsonPropertyName("team")] string? Team,
    [property: JsonPropertyName("eventId")] string? EventId,
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("event")] SlackEventBody? Event);

/// <summary>users.info's <c>user</c>, the fields a profile needs. https://docs.slack.dev/reference/objects/user-object</summary>
/// <c>locale</c> is there only when users.info was asked with <c>include_locale=true</c>.
internal sealed record SlackUserWire(string? Name, string? RealName, string? Tz, bool? IsBot, bool? Deleted, SlackUserProfileWire? Profile, string? Locale = null);

internal sealed record SlackUserProfileWire(string? DisplayName, string? RealName);

/// <summary>
/// Source-generated (de)serialization of Slack's payloads. Strict where it matters for totality: a duplicate key,
/// a value of the wrong JSON type or nesting beyond 64 levels is a <see cref="JsonException"/> (the payload is
/// malformed, 400); an empty string reads as absent, as Slack itself means it.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    AllowDuplicateProperties = false,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(EmptyStringAsNull)])]
[JsonSerializable(typeof(InteractionWire))]
[JsonSerializable(typeof(EventEnvelopeWire))]
[JsonSerializable(typeof(EventTypeWire))]
[JsonSerializable(typeof(SlackEventBody))]
[JsonSerializable(typeof(StoredEventWire))]
[JsonSerializable(typeof(SlackUserWire))]
internal sealed partial class SlackWireJson : JsonSerializerContext;

/// <summary>
/// Strings as Slack sends them: only a JSON string or null is accepted (anything else is malformed), and an empty
/// string is absent (Slack sends <c>""</c> for an unset private_metadata or a cleared input).
/// </summary>
internal sealed class EmptyStringAsNull : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => reader.GetString() is { Length: > 0 } s ? s : null,
            _ => throw new JsonException($"Expected a string, got {reader.TokenType}."),
        };

    // Object keys (block and action ids in state.values) are always JSON strings; they are read as they are.
    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetString()!;

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value);

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }
}

/// <summary>Reading with one outcome for every malformed input: false, never an exception.</summary>
internal static class SlackJson
{
    public static bool TryRead<T>(string json, JsonTypeInfo<T> type, out T? value) =>
        Try(() => JsonSerializer.Deserialize(json, type), out value);

    public static bool TryRead<T>(JsonElement element, JsonTypeInfo<T> type, out T? value) =>
        Try(() => element.Deserialize(type), out value);

    private static bool Try<T>(Func<T?> read, out T? value)
    {
        try
        {
            value = read();
            return true;
        }
        catch (JsonException)
        {
            value = default;
            return false;
        }
    }
}
