using System.Text.Json;
using System.Text.Json.Nodes;
using FeedbackBot.Core.People;
using FeedbackBot.Teams.Activities;
using FeedbackBot.Teams.Addressing;
using FeedbackBot.Teams.Connector;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Teams.People;

/// <summary>People a requester or giver named: those the bot can reach as Core people, and the names of those it cannot.</summary>
public sealed record ResolvedPeople(IReadOnlyList<PersonRef> People, IReadOnlyList<string> Unreachable)
{
    public static ResolvedPeople None { get; } = new([], []);
}

/// <summary>
/// Turns the people a Teams user names into Core's <see cref="PersonRef"/>s (tenant + Entra object id).
/// <list type="bullet">
/// <item>@mentions arrive as <c>mention</c> entities carrying only the per-bot <c>29:</c> id and a name
/// (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/channel-and-group-conversations#retrieve-mentions).
/// A <c>29:</c> id the bot has stored an address for maps through the address book's index. Otherwise the
/// members API of the conversation the mention was made in (the bot is in it) says who it is
/// (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/get-teams-context#get-single-member-details);
/// their address is stored with that conversation, so the 1:1 can be created later with the <c>29:</c> id and
/// the tenant (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/send-proactive-messages).</item>
/// <item>The form's people picker submits Entra object ids (comma-separated); a typed fallback may hold those or
/// <c>29:</c> ids. Such a person is reachable only when the bot has met them (Teams cannot message an object id
/// the bot never saw).</item>
/// </list>
/// Whoever cannot be reached is returned by name (or as "someone you picked"), so the person asking is told
/// plainly; nothing is guessed.
/// </summary>
public sealed class TeamsPeopleResolver(
    TeamsAddressBook addresses,
    TeamsConnectorClient connector,
    IOptions<TeamsOptions> options,
    ILogger<TeamsPeopleResolver> logger)
{
    /// <summary>How an unnamed, unreachable pick is named.</summary>
    public const string SomeonePicked = "someone you picked";

    /// <summary>People @mentioned in <paramref name="activity"/> (not the bot), in order, each once.</summary>
    public static IReadOnlyList<ChannelAccount> Mentioned(Activity activity)
    {
        var people = new List<ChannelAccount>();
        foreach (var entity in activity.Entities ?? [])
        {
            if (Str(entity["type"]) == "mention"
                && Str(entity["mentioned"]?["id"]) is { } id
                && id.StartsWith("29:", StringComparison.Ordinal)
                && id != activity.Recipient?.Id
                && people.All(p => p.Id != id))
            {
                people.Add(new ChannelAccount { Id = id, Name = Str(entity["mentioned"]?["name"]) });
            }
        }

        return people;
    }

    /// <summary><paramref name="text"/> without the <c>&lt;at&gt;…&lt;/at&gt;</c> text of the people <see cref="Mentioned"/>, whitespace collapsed.</summary>
    public static string WithoutMentions(string text, Activity activity)
    {
        foreach (var entity in activity.Entities ?? [])
        {
            if (Str(entity["type"]) == "mention" && Str(entity["text"]) is { Length: > 0 } mention)
            {
                text = text.Replace(mention, " ", StringComparison.Ordinal);
            }
        }

        return string.Join(' ', text.Split([' ', '\t', '\n', '\r', '\u00a0'], StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Maps @mentions made in <paramref name="activity"/>'s conversation.</summary>
    public async Task<ResolvedPeople> ResolveMentionsAsync(Activity activity, IReadOnlyList<ChannelAccount> mentioned, CancellationToken ct)
    {
        var tenant = activity.TenantId;
        if (tenant is null || mentioned.Count == 0)
        {
            return new ResolvedPeople([], mentioned.Select(m => m.Name ?? SomeonePicked).ToArray());
        }

        var people = new List<PersonRef>();
        var unreachable = new List<string>();
        foreach (var mention in mentioned)
        {
            if ((await FromIndexAsync(tenant, mention.Id!, ct) ?? await FromMembersAsync(activity, tenant, mention.Id!, ct)) is { } person)
            {
                people.Add(person);
            }
            else
            {
                unreachable.Add(mention.Name ?? SomeonePicked);
            }
        }

        return new ResolvedPeople(people, unreachable);
    }

    /// <summary>
    /// Maps ids from a form: Entra object ids (the people picker) or <c>29:</c> ids (the typed fallback), separated
    /// by commas, semicolons or spaces.
    /// </summary>
    public async Task<ResolvedPeople> ResolveIdsAsync(string tenant, IEnumerable<string?> lists, CancellationToken ct)
    {
        var ids = lists.SelectMany(l => (l ?? "").Split([',', ';', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.OrdinalIgnoreCase).Take(50).ToArray();
        var people = new List<PersonRef>();
        var unreachable = new List<string>();
        foreach (var id in ids)
        {
            PersonRef? person = null;
            if (Guid.TryParse(id, out var aad))
            {
                var candidate = TeamsAddressBook.Person(tenant, aad.ToString("D"));
                person = await addresses.GetUsableAsync(candidate, ct) is not null ? candidate : null;
            }
            else if (id.StartsWith("29:", StringComparison.Ordinal) && id.Length <= 200)
            {
                person = await FromIndexAsync(tenant, id, ct);
            }

            if (person is not null)
            {
                people.Add(person);
            }
            else
            {
                unreachable.Add(SomeonePicked);
            }
        }

        return new ResolvedPeople(people, unreachable);
    }

    private async Task<PersonRef?> FromIndexAsync(string tenant, string userId, CancellationToken ct) =>
        await addresses.FindByUserIdAsync(tenant, userId, ct) is { } person && await addresses.GetUsableAsync(person, ct) is not null
            ? person
            : null;

    private async Task<PersonRef?> FromMembersAsync(Activity activity, string tenant, string userId, CancellationToken ct)
    {
        // A channel's members are the team's: ask the team (the channel's conversation id carries ";messageid=").
        var conversation = Str(activity.ChannelData?["team"]?["id"]) ?? activity.Conversation?.Id?.Split(';')[0];
        if (activity.ServiceUrl is not { } serviceUrl || conversation is null || activity.Conversation?.ConversationType == "personal")
        {
            return null;
        }

        try
        {
            return await LearnMemberAsync(serviceUrl, conversation, tenant, userId, ct);
        }
        catch (ConnectorException ex)
        {
            logger.LogInformation(ex, "Mentioned {UserId} not found in {Conversation}", userId, conversation);
            return null;
        }
    }

    /// <summary>
    /// Asks the members API of <paramref name="conversationId"/> (one the bot is in, on <paramref name="serviceUrl"/>
    /// from an admitted activity) who <paramref name="userId"/> (<c>29:</c>) is, and stores their address with that
    /// conversation so a 1:1 can be created later; null when Teams does not know them there. Connector failures
    /// are the caller's to handle.
    /// </summary>
    public async Task<PersonRef?> LearnMemberAsync(string serviceUrl, string conversationId, string tenant, string userId, CancellationToken ct)
    {
        var member = await connector.GetMemberAsync(serviceUrl, conversationId, userId, ct);
        if (member is not { AadObjectId.Length: > 0 })
        {
            return null;
        }

        var person = TeamsAddressBook.Person(tenant, member.AadObjectId);
        await addresses.UpdateAsync(person, current => (current ?? new TeamsAddress { ServiceUrl = serviceUrl, UserId = userId, TenantId = tenant }) with
        {
            ServiceUrl = serviceUrl,
            UserId = member.Id ?? userId,
            TenantId = tenant,
            SeenInConversationId = conversationId,
            Name = member.Name is { Length: > 0 } name ? name : current?.Name,
            Authenticated = options.Value.Mode == TeamsMode.Authenticated,
        }, ct);
        return person;
    }

    private static string? Str(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
