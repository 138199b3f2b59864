using FeedbackBot.Core.People;
using FeedbackBot.Teams.Addressing;

namespace FeedbackBot.Teams.Give;

/// <summary>
/// Stand-ins for a draft's recipients (<see cref="GiveDraft.To"/>) for Core's checks that need no lookup (count,
/// self). The real lookup is <see cref="People.TeamsPeopleResolver"/>, the same path as requests.
/// </summary>
public static class GiveRecipients
{
    /// <summary>Ids are not resolved; a <c>29:</c> id of the giver (<paramref name="giverTeamsId"/>) or their object id becomes the giver.</summary>
    public static IReadOnlyList<PersonRef> Preview(GiveDraft draft, PersonRef giver, string? giverTeamsId) =>
        draft.To.Select(id => id == giverTeamsId ? giver : Direct(id, giver.WorkspaceId) ?? TeamsAddressBook.Person(giver.WorkspaceId, id))
            .Distinct().ToArray();

    /// <summary>An Entra object id or a person key as a person (another tenant's key stays someone else), else null.</summary>
    private static PersonRef? Direct(string id, string tenant)
    {
        if (Guid.TryParse(id, out var aad))
        {
            return TeamsAddressBook.Person(tenant, aad.ToString("D"));
        }

        try
        {
            return id.StartsWith("teams:", StringComparison.Ordinal) ? PersonRef.Parse(id) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
