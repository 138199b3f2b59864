using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace FeedbackBot.Teams.Activities;

/// <summary>
/// The Bot Framework activity, only the fields this bot reads or writes
/// (https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference#activity-object).
/// One record for both directions: inbound activities from Teams and the messages the bot sends back.
/// </summary>
public sealed record Activity
{
    public string? Type { get; init; }
    public string? Id { get; init; }
    public DateTimeOffset? Timestamp { get; init; }
    public DateTimeOffset? LocalTimestamp { get; init; }
    /// <summary>IANA time zone of the sender's client, e.g. <c>Europe/Berlin</c>.</summary>
    public string? LocalTimezone { get; init; }
    public string? ServiceUrl { get; init; }
    public string? ChannelId { get; init; }
    public ChannelAccount? From { get; init; }
    public ChannelAccount? Recipient { get; init; }
    public ConversationAccount? Conversation { get; init; }
    public JsonObject? ChannelData { get; init; }
    public string? Text { get; init; }
    public string? TextFormat { get; init; }
    /// <summary>Notification preview text (shown instead of the card in toasts and the chat list).</summary>
    public string? Summary { get; init; }
    public string? Locale { get; init; }
    public IReadOnlyList<Attachment>? Attachments { get; init; }
    public IReadOnlyList<JsonObject>? Entities { get; init; }
    public string? ReplyToId { get; init; }
    /// <summary>Invoke payload, or the <c>data</c> of a card's <c>Action.Submit</c> arriving as a message.</summary>
    public JsonNode? Value { get; init; }
    /// <summary>Invoke name, e.g. <c>composeExtension/fetchTask</c>.</summary>
    public string? Name { get; init; }
    /// <summary><c>installationUpdate</c>: <c>add</c>, <c>remove</c>, <c>add-upgrade</c>, <c>remove-upgrade</c>.</summary>
    public string? Action { get; init; }
    public IReadOnlyList<ChannelAccount>? MembersAdded { get; init; }
    public IReadOnlyList<ChannelAccount>? MembersRemoved { get; init; }
    /// <summary><c>messageReaction</c>: the reactions added (<c>{ "type": "like" }</c>…) to the message <see cref="ReplyToId"/>.</summary>
    public IReadOnlyList<JsonObject>? ReactionsAdded { get; init; }

    /// <summary>The tenant: <c>conversation.tenantId</c>, else <c>channelData.tenant.id</c> (Teams sends both).</summary>
    [JsonIgnore]
    public string? TenantId =>
        Conversation?.TenantId is { Length: > 0 } t ? t
        : ChannelData?["tenant"]?["id"] is JsonValue id && id.GetValueKind() == JsonValueKind.String ? id.GetValue<string>()
        : null;
}

/// <summary>A user or bot in a conversation: <c>29:…</c> user ids, <c>28:…</c> bot ids, with the Entra object id of users.</summary>
public sealed record ChannelAccount
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? AadObjectId { get; init; }
    public string? Role { get; init; }
}

/// <summary>The conversation an activity belongs to.</summary>
public sealed record ConversationAccount
{
    public string? Id { get; init; }
    /// <summary><c>personal</c>, <c>groupChat</c> or <c>channel</c>.</summary>
    public string? ConversationType { get; init; }
    public string? TenantId { get; init; }
    public bool? IsGroup { get; init; }
    public string? Name { get; init; }
}

/// <summary>An attachment; cards are <c>application/vnd.microsoft.card.adaptive</c> with the card as content.</summary>
public sealed record Attachment(string ContentType, JsonNode? Content);

/// <summary>What the connector answers when an activity or conversation is created.</summary>
public sealed record ResourceResponse(string? Id);

/// <summary>
/// The answer to an invoke, written into the HTTP response (Teams waits for it; <c>status</c> is the HTTP status).
/// https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/work-with-universal-actions-for-adaptive-cards
/// </summary>
public sealed record InvokeResponse(int Status, JsonNode? Body = null);

/// <summary>Body of <c>POST /v3/conversations</c>: a 1:1 with one user in one tenant.</summary>
public sealed record ConversationParameters
{
    public bool IsGroup { get; init; }
    public ChannelAccount? Bot { get; init; }
    public IReadOnlyList<ChannelAccount>? Members { get; init; }
    public string? TenantId { get; init; }
    public JsonObject? ChannelData { get; init; }
}

/// <summary>A member as <c>GET /v3/conversations/{id}/members/{userId}</c> returns it in Teams.</summary>
public sealed record TeamsMember
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? AadObjectId { get; init; }
    public string? GivenName { get; init; }
    public string? Surname { get; init; }
    public string? Email { get; init; }
    public string? UserPrincipalName { get; init; }
    public string? TenantId { get; init; }
    public string? UserRole { get; init; }
}

/// <summary>Well-known activity types and values.</summary>
public static class ActivityTypes
{
    public const string Message = "message";
    public const string Invoke = "invoke";
    public const string ConversationUpdate = "conversationUpdate";
    public const string InstallationUpdate = "installationUpdate";
    public const string MessageReaction = "messageReaction";
    public const string MsTeams = "msteams";
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";
}

/// <summary>
/// Source-generated JSON for the wire: camelCase as the Bot Framework uses, nulls left out on the way out, unknown
/// fields ignored on the way in.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(Activity))]
[JsonSerializable(typeof(ResourceResponse))]
[JsonSerializable(typeof(ConversationParameters))]
[JsonSerializable(typeof(TeamsMember))]
[JsonSerializable(typeof(Addressing.TeamsAddress))]
public sealed partial class TeamsJson : JsonSerializerContext;
