using System.Text.Json;
using System.Text.Json.Nodes;
using FeedbackBot.Core.People;
using FeedbackBot.Teams.Activities;
using FeedbackBot.Teams.Addressing;
using FeedbackBot.Teams.Connector;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Teams.People;

/// <summary>
/// People a requester or giver named: those the bot can reach as Core people, and why the others cannot be
/// reached, one plain sentence each (user text inside: show in TextRuns).
/// </summary>
public sealed record ResolvedPeople(IReadOnlyList<PersonRef> People, IReadOnlyList<string> Problems)
{
    public static ResolvedPeople None { get; } = new([], []);
}

/// <summary>Someone a user named: an id as the card or mention carried it, and the name Teams showed (if any).</summary>
public sealed record NamedPerson(string Id, string? Name = null);

/// <summary>
/// Where people were named: the tenant, the service URL of the (admitted) activity, and the conversation whose
/// members API may be asked about a mention (a team or group chat; null in a 1:1 or when unknown).
/// </summary>
public sealed record PeopleContext(string Tenant, string? ServiceUrl, string? MembersOf)
{
    /// <summary>The context of <paramref name="activity"/>; null when Teams sent no tenant.</summary>
    public static PeopleContext? Of(Activity activity) =>
        activity.TenantId is { } tenant ? new(tenant, activity.ServiceUrl, TeamsPeopleResolver.MembersConversation(activity)) : null;
}

/// <summary>
/// The one path from what a Teams user names to Core's <see cref="PersonRef"/>s (tenant + Entra object id), for
/// gives and requests alike: the same rules, the same words.
/// <list type="bullet">
/// <item>A person key (<c>teams:{tenant}:{aad}</c>) of the same tenant is taken as is; another tenant or platform is
/// refused (a Teams user never reaches anyone outside their organisation).</item>
/// <item>An Entra object id (the Graph people picker's value, or typed): reachable when the bot has an address for
/// it; otherwise the 1:1 is created with the object id and the tenant (<c>POST /v3/conversations</c> accepts
/// <c>members: [{id: aadObjectId}]</c>), then the members API of that new chat names their <c>29:</c> id, and the
/// address is stored. Teams refusing (not in the tenant, app not installed for them) → told plainly.
/// https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/send-proactive-messages#create-the-conversation</item>
/// <item>A <c>29:</c> id (an @mention): the address book's index, else the members API of the conversation the
/// mention was made in (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/get-teams-context#get-single-member-details);
/// the address learnt is stored with that conversation, so the 1:1 can be created later.</item>
/// <item>Anonymous mode only (<c>Teams:AllowAnonymous</c>, the Agents Playground, whose mock people have ids like
/// <c>user-id-1</c> and object ids that are not GUIDs): any member id the channel uses is asked of the members API
/// like a <c>29:</c> id, and the object id the members API answers is accepted as it is. Authenticated mode keeps
/// the strict shapes.</item>
/// </list>
/// Nothing is guessed: whoever cannot be reached comes back as a sentence for the person asking.
/// </summary>
public sealed class TeamsPeopleResolver(
    TeamsAddressBook addresses,
    TeamsConnectorClient connector,
    IOptions<TeamsOptions> options,
    ILogger<TeamsPeopleResolver> logger)
{
    /// <summary>How an unnamed pick is named.</summary>
    public const string SomeonePicked = "someone you picked";

    private const int MaxIdLength = 200;

    private bool Anonymous => options.Value.Mode == TeamsMode.Anonymous;

    /// <summary>
    /// Whether <paramref name="id"/> names a person in a mention: a <c>29:</c> id; in anonymous mode (the Playground)
    /// any member id the channel uses.
    /// </summary>
    public static bool IsMemberId(string? id, bool anonymous) =>
        id is { Length: > 0 and <= MaxIdLength } && (id.StartsWith("29:", StringComparison.Ordinal) || anonymous);

    /// <summary>People @mentioned in <paramref name="activity"/> (not the bot), in order, each once, with the names Teams showed.</summary>
    public static IReadOnlyList<NamedPerson> Mentioned(Activity activity, bool anonymous = false)
    {
        var people = new List<NamedPerson>();
        foreach (var entity in activity.Entities ?? [])
        {
            if (Str(entity["type"]) == "mention"
                && Str(entity["mentioned"]?["id"]) is { } id
                && IsMemberId(id, anonymous)
                && id != activity.Recipient?.Id
                && people.All(p => p.Id != id))
            {
                people.Add(new NamedPerson(id, Str(entity["mentioned"]?["name"])));
            }
        }

        return people;
    }

    /// <summary>People @mentioned in <paramref name="activity"/> in the current mode.</summary>
    public IReadOnlyList<NamedPerson> MentionedIn(Activity activity) => Mentioned(activity, Anonymous);

    /// <summary><paramref name="text"/> without the <c>&lt;at&gt;…&lt;/at&gt;</c> text of mentions, whitespace collapsed.</summary>
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

    /// <summary>
    /// The conversation whose members API knows the people of <paramref name="activity"/>'s conversation: a
    /// channel's members are its team's (the channel's id carries <c>;messageid=</c>); null in a 1:1.
    /// </summary>
    public static string? MembersConversation(Activity activity) =>
        activity.Conversation?.ConversationType == "personal"
            ? null
            : Str(activity.ChannelData?["team"]?["id"]) ?? activity.Conversation?.Id?.Split(';')[0];

    /// <summary>Ids typed or picked in a form (commas, semicolons, spaces between), each once, at most 50.</summary>
    public static IReadOnlyList<NamedPerson> Ids(IEnumerable<string?> lists) =>
        lists.SelectMany(l => (l ?? "").Split([',', ';', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.OrdinalIgnoreCase).Take(50).Select(id => new NamedPerson(id)).ToArray();

    /// <summary>Resolves every person named in <paramref name="where"/>, in order; duplicates once.</summary>
    public async Task<ResolvedPeople> ResolveAsync(PeopleContext where, IEnumerable<NamedPerson> named, CancellationToken ct)
    {
        var people = new List<PersonRef>();
        var problems = new List<string>();
        foreach (var one in named.DistinctBy(n => n.Id))
        {
            var (person, problem) = await ResolveOneAsync(where, one, ct);
            if (person is not null)
            {
                if (!people.Contains(person))
                {
                    people.Add(person);
                }
            }
            else
            {
                problems.Add(problem!);
            }
        }

        return new ResolvedPeople(people, problems);
    }

    private async Task<(PersonRef? Person, string? Problem)> ResolveOneAsync(PeopleContext where, NamedPerson named, CancellationToken ct)
    {
        var id = named.Id;
        var name = named.Name ?? SomeonePicked;
        if (id.StartsWith("teams:", StringComparison.Ordinal))
        {
            return Key(id, where.Tenant) is { } keyed ? await FromObjectIdAsync(where, keyed.UserId, name, ct) : (null, Unknown(id));
        }

        if (Guid.TryParse(id, out var aad))
        {
            return await FromObjectIdAsync(where, aad.ToString("D"), name, ct);
        }

        if (!IsMemberId(id, Anonymous))
        {
            return (null, Unknown(id));
        }

        if (await addresses.FindByUserIdAsync(where.Tenant, id, ct) is { } indexed && await addresses.GetUsableAsync(indexed, ct) is not null)
        {
            return (indexed, null);
        }

        if (where.MembersOf is null || where.ServiceUrl is null)
        {
            return (null, $"I can't reach {name} from here. Mention them where FeedbackBot is installed, or pick them in the form.");
        }

        try
        {
            return await LearnMemberAsync(where.ServiceUrl, where.MembersOf, where.Tenant, id, ct) is { } member
                ? (member, null)
                : (null, $"I can't reach {name}: Teams says they are not in the chat where you mentioned them, so I can't message them.");
        }
        catch (ConnectorException ex)
        {
            logger.LogInformation(ex, "Member {UserId} not looked up in {Conversation}", id, where.MembersOf);
            return (null, ex.Transient ? NoAnswer(name) : $"I can't reach {name}: Teams says they are not in the chat where you mentioned them, so I can't message them.");
        }
    }

    /// <summary>
    /// An Entra object id: its stored address, or a 1:1 created for it (someone picked in the Graph people picker who
    /// never talked to the bot), then their <c>29:</c> id and name from that chat's members API.
    /// </summary>
    private async Task<(PersonRef? Person, string? Problem)> FromObjectIdAsync(PeopleContext where, string aad, string name, CancellationToken ct)
    {
        var person = TeamsAddressBook.Person(where.Tenant, aad);
        if (await addresses.GetUsableAsync(person, ct) is not null)
        {
            return (person, null);
        }

        if (where.ServiceUrl is null)
        {
            return (null, $"I can't reach {name} from here. Mention them where FeedbackBot is installed, or pick them in the form.");
        }

        try
        {
            var chat = await connector.CreatePersonalConversationAsync(where.ServiceUrl, aad, where.Tenant, ct);
            return await LearnMemberAsync(where.ServiceUrl, chat, where.Tenant, aad, ct, personalChat: chat) is { } learnt
                ? (learnt, null)
                : (null, NotInstalled(name));
        }
        catch (ConnectorException ex)
        {
            // 403 BotNotInConversationRoster / 400 BadArgument / 404: not in this tenant, or FeedbackBot is not
            // installed for them (it must be, in their personal scope or a team they are in, to message them).
            logger.LogInformation(ex, "No 1:1 with picked {Person} ({Status} {Code})", person, ex.Status, ex.Code);
            return (null, ex.Transient ? NoAnswer(name) : NotInstalled(name));
        }
    }

    /// <summary>
    /// Asks the members API of <paramref name="conversationId"/> (one the bot is in, on <paramref name="serviceUrl"/>
    /// from an admitted activity) who <paramref name="userId"/> (<c>29:</c> id or Entra object id) is, and stores their
    /// address with that conversation (and as their 1:1 when <paramref name="personalChat"/> is it), so a 1:1 can be
    /// created later; null when Teams does not know them there (or names no valid object id). Connector failures
    /// other than "no such member" are the caller's to handle.
    /// </summary>
    public async Task<PersonRef?> LearnMemberAsync(string serviceUrl, string conversationId, string tenant, string userId, CancellationToken ct, string? personalChat = null)
    {
        var member = await connector.GetMemberAsync(serviceUrl, conversationId, userId, ct);
        if (member is not { AadObjectId.Length: > 0 and <= MaxIdLength } || (!Anonymous && !Guid.TryParse(member.AadObjectId, out _)))
        {
            // Core's Teams people are tenant + Entra object id; only the Playground's mock people lack a GUID.
            return null;
        }

        var person = TeamsAddressBook.Person(tenant, member.AadObjectId);
        await addresses.UpdateAsync(person, current => (current ?? new TeamsAddress { ServiceUrl = serviceUrl, UserId = userId, TenantId = tenant }) with
        {
            ServiceUrl = serviceUrl,
            UserId = member.Id is { Length: > 0 } memberId ? memberId : current?.UserId ?? userId,
            TenantId = tenant,
            ConversationId = personalChat ?? current?.ConversationId,
            SeenInConversationId = conversationId,
            Name = member.Name is { Length: > 0 } name ? name : current?.Name,
            Authenticated = options.Value.Mode == TeamsMode.Authenticated,
        }, ct);
        return person;
    }

    private static string Unknown(string id) => $"I don't know who “{Cards.Ac.Cut(id, 40)}” is. Pick people from your organisation.";

    private static string NotInstalled(string name) =>
        $"I can't reach {name}: Teams won't let FeedbackBot message them (it isn't installed for them, or they aren't in your organisation). Mention them in a chat or team where FeedbackBot is added, or ask them to add it.";

    private static string NoAnswer(string name) => $"Teams didn't answer while I looked up {name}. Please try again in a moment.";

    /// <summary>A person key of <paramref name="tenant"/> naming an Entra object id, else null.</summary>
    private static PersonRef? Key(string id, string tenant)
    {
        try
        {
            var person = PersonRef.Parse(id);
            return person.Platform == Platform.Teams && person.WorkspaceId == tenant && Guid.TryParse(person.UserId, out _) ? person : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string? Str(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
