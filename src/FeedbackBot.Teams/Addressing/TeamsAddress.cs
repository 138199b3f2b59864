using System.Text.Json;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Teams.Activities;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Teams.Addressing;

/// <summary>
/// What the bot needs to reach a Teams person later (the "conversation reference"), stored in Core's
/// <see cref="IAddressBook"/> under <see cref="TeamsAddressBook.Kind"/> for <c>PersonRef(Teams, tenantId,
/// aadObjectId)</c>. The <c>29:</c> id is per bot; the Entra object id is the person.
/// </summary>
public sealed record TeamsAddress
{
    /// <summary>The connector base URL Teams gave on the person's latest activity (it can change; the latest wins).</summary>
    public required string ServiceUrl { get; init; }

    /// <summary>The person's id for this bot, <c>29:…</c>.</summary>
    public required string UserId { get; init; }

    public required string TenantId { get; init; }

    /// <summary>The 1:1 conversation with the bot (<c>a:…</c>), once known (install, a message in the personal chat, or created).</summary>
    public string? ConversationId { get; init; }

    /// <summary>The latest conversation the person was seen in (1:1, group chat or channel), for member lookups.</summary>
    public string? SeenInConversationId { get; init; }

    /// <summary>Display name as Teams last sent it (user-controlled text: escape on output).</summary>
    public string? Name { get; init; }

    /// <summary>IANA time zone from the activity's <c>clientInfo</c> entity or <c>localTimezone</c>.</summary>
    public string? TimeZone { get; init; }

    public string? Locale { get; init; }

    /// <summary>
    /// True when captured from an authenticated activity. Authenticated mode sends the bot's token only to service
    /// URLs learnt this way, so an address captured during an anonymous trial is never used with a real token.
    /// </summary>
    public bool Authenticated { get; init; }
}

/// <summary>Reads and writes <see cref="TeamsAddress"/> values in Core's address book.</summary>
public sealed class TeamsAddressBook(IAddressBook book, IOptions<TeamsOptions> options)
{
    /// <summary>The address-book kind of a person's <see cref="TeamsAddress"/> (JSON).</summary>
    public const string Kind = "teams.address";

    /// <summary>The address-book kind of a tenant's latest service URL (for people known only by a mention).</summary>
    public const string TenantServiceUrlKind = "teams.service_url";

    /// <summary>
    /// The tenant-wide kind prefix of the index from a <c>29:</c> id to the Entra object id
    /// (<c>teams.user:29:…</c> → object id). Mentions name people by <c>29:</c> id only.
    /// </summary>
    public const string UserIndexKindPrefix = "teams.user:";

    /// <summary>A Teams person: the tenant and the Entra object id.</summary>
    public static PersonRef Person(string tenantId, string aadObjectId) => new(Platform.Teams, tenantId, aadObjectId);

    /// <summary>The stored address, whatever the mode.</summary>
    public async Task<TeamsAddress?> GetAsync(PersonRef person, CancellationToken ct)
    {
        var json = await book.GetAsync(person, Kind, ct);
        if (json is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(json, TeamsJson.Default.TeamsAddress);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The stored address when this mode may use it: authenticated mode only trusts addresses learnt from
    /// authenticated activities; anonymous mode only loopback service URLs.
    /// </summary>
    public async Task<TeamsAddress?> GetUsableAsync(PersonRef person, CancellationToken ct)
    {
        var address = await GetAsync(person, ct);
        return address is not null && IsUsable(address) ? address : null;
    }

    /// <summary>Whether the current mode may send to this address (see <see cref="GetUsableAsync"/>).</summary>
    public bool IsUsable(TeamsAddress address) => options.Value.Mode switch
    {
        TeamsMode.Authenticated => address.Authenticated,
        TeamsMode.Anonymous => Uri.TryCreate(address.ServiceUrl, UriKind.Absolute, out var u) && LoopbackUrls.IsLoopback(u),
        _ => false,
    };

    /// <summary>Applies <paramref name="update"/> to the stored address and writes it only when it changed.</summary>
    public async Task UpdateAsync(PersonRef person, Func<TeamsAddress?, TeamsAddress> update, CancellationToken ct)
    {
        var current = await GetAsync(person, ct);
        var next = update(current);
        if (next != current)
        {
            await book.SetAsync(person, Kind, JsonSerializer.Serialize(next, TeamsJson.Default.TeamsAddress), ct);
            if (next.UserId != current?.UserId)
            {
                await book.SetAsync(person.Workspace, UserIndexKindPrefix + next.UserId, person.UserId, ct);
            }
        }
    }

    /// <summary>The person behind a <c>29:</c> id in <paramref name="tenantId"/>, when the bot has stored their address.</summary>
    public async Task<PersonRef?> FindByUserIdAsync(string tenantId, string userId, CancellationToken ct) =>
        await book.GetAsync(new WorkspaceRef(Platform.Teams, tenantId), UserIndexKindPrefix + userId, ct) is { Length: > 0 } aad
            ? Person(tenantId, aad)
            : null;

    /// <summary>The stored display names of <paramref name="people"/> (Teams people only; unknown ones are left out).</summary>
    public async Task<IReadOnlyDictionary<PersonRef, string>> NamesAsync(IEnumerable<PersonRef> people, CancellationToken ct)
    {
        var names = new Dictionary<PersonRef, string>();
        foreach (var person in people.Where(p => p.Platform == Platform.Teams).Distinct())
        {
            if ((await GetAsync(person, ct))?.Name is { Length: > 0 } name)
            {
                names[person] = name;
            }
        }

        return names;
    }

    /// <summary>Forgets the 1:1 conversation (Teams said it is gone); the next send creates a new one.</summary>
    public Task ForgetConversationAsync(PersonRef person, CancellationToken ct) =>
        UpdateAsync(person, a => a! with { ConversationId = null }, ct);

    public Task SetTenantServiceUrlAsync(string tenantId, string serviceUrl, CancellationToken ct) =>
        book.SetAsync(new WorkspaceRef(Platform.Teams, tenantId), TenantServiceUrlKind, serviceUrl, ct);
}
