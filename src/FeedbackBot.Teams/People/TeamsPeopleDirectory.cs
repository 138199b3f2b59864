using FeedbackBot.Core.People;
using FeedbackBot.Teams.Addressing;
using FeedbackBot.Teams.Connector;
using Microsoft.Extensions.Caching.Memory;

namespace FeedbackBot.Teams.People;

/// <summary>
/// Teams people from the connector's members API (<c>GET /v3/conversations/{id}/members/{userId}</c>), asked in
/// the person's 1:1 or the latest conversation they were seen in; the time zone comes from the person's own
/// client (<c>clientInfo</c>), captured on their activities and read from the stored address on every call, so a
/// new zone counts at once. A person the bot never met is unknown (null): Teams has no lookup by name or e-mail
/// without Graph. Connector trouble is Core's <see cref="PeopleLookupException"/>.
/// <para>
/// The member lookup is cached briefly in memory (as Slack's users.info): one request checks each recipient,
/// plans their nudges and renders their prompt, and re-planning a digest reads the profile again; a name changed
/// in Teams shows after <see cref="CacheFor"/> at most.
/// </para>
/// </summary>
public sealed class TeamsPeopleDirectory(TeamsConnectorClient connector, TeamsAddressBook addresses, IMemoryCache cache) : IPlatformPeopleDirectory
{
    /// <summary>How long a member lookup is reused.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(10);

    public Platform Platform => Platform.Teams;

    public async Task<PersonProfile?> GetProfileAsync(PersonRef person, CancellationToken ct)
    {
        var address = await addresses.GetUsableAsync(person, ct);
        var conversation = address?.ConversationId ?? address?.SeenInConversationId;
        if (address is null || conversation is null)
        {
            return null;
        }

        var key = (typeof(TeamsPeopleDirectory), person.Key);
        if (cache.TryGetValue(key, out string? cachedName) && cachedName is not null)
        {
            return new PersonProfile(person, cachedName, address.TimeZone, IsBot: false, Locale: address.Locale);
        }

        try
        {
            var member = await connector.GetMemberAsync(address.ServiceUrl, conversation, address.UserId, ct);
            if (member is null)
            {
                return null;
            }

            var name = member.Name is { Length: > 0 } n ? n : address.Name ?? "A colleague";
            if (name != address.Name)
            {
                await addresses.UpdateAsync(person, a => (a ?? address) with { Name = name }, ct);
            }

            cache.Set(key, name, CacheFor);
            return new PersonProfile(person, name, address.TimeZone, IsBot: false, Locale: address.Locale);
        }
        catch (ConnectorException ex) when (ex.Transient)
        {
            throw new PeopleLookupException("Teams could not say who this is right now.", ex);
        }
        catch (ConnectorException)
        {
            return null;
        }
    }
}
