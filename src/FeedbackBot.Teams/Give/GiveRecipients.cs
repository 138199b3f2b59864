using FeedbackBot.Core.People;
using FeedbackBot.Teams.Addressing;
using FeedbackBot.Teams.Cards;
using FeedbackBot.Teams.People;

namespace FeedbackBot.Teams.Give;

/// <summary>The recipients of a draft as Core people, and the ones that could not be made people, in plain words.</summary>
public sealed record ResolvedRecipients(IReadOnlyList<PersonRef> People, IReadOnlyList<string> Problems);

/// <summary>
/// Turns a draft's recipients (<see cref="GiveDraft.To"/>) into <see cref="PersonRef"/>s of the giver's tenant.
/// An Entra object id or a person key is taken as is (another tenant or platform is refused: a Teams user never
/// reaches anyone outside their organisation). A <c>29:</c> id from a mention is asked of the members API of the
/// conversation it was mentioned in, which answers the Entra object id; the address learnt that way (the
/// <c>29:</c> id, tenant, service URL, the conversation) is stored, so a person who never talked to the bot can
/// still get a 1:1 created for the delivery.
/// https://learn.microsoft.com/microsoftteams/platform/bots/how-to/get-teams-context#get-single-member-details
/// </summary>
public sealed class GiveRecipients(TeamsPeopleResolver people)
{
    /// <summary>
    /// Stand-ins for Core's checks that need no lookup (count, self): ids are not resolved, a <c>29:</c> id of the
    /// giver (<paramref name="giverTeamsId"/>) becomes the giver.
    /// </summary>
    public static IReadOnlyList<PersonRef> Preview(GiveDraft draft, PersonRef giver, string? giverTeamsId) =>
        draft.To.Select(id => id == giverTeamsId ? giver : Direct(id, giver.WorkspaceId) ?? TeamsAddressBook.Person(giver.WorkspaceId, id))
            .Distinct().ToArray();

    /// <summary>Resolves every recipient; <paramref name="serviceUrl"/> is one the giver's own (admitted) activity came from.</summary>
    public async Task<ResolvedRecipients> ResolveAsync(GiveDraft draft, PersonRef giver, string serviceUrl, CancellationToken ct)
    {
        var people = new List<PersonRef>();
        var problems = new List<string>();
        foreach (var id in draft.To.Distinct())
        {
            var name = draft.NameOf(id) ?? "someone";
            if (Direct(id, giver.WorkspaceId) is { } person)
            {
                people.Add(person);
            }
            else if (!id.StartsWith("29:", StringComparison.Ordinal) || id.Length > 200)
            {
                problems.Add($"I don't know who “{GiveCards.Short(id)}” is. Pick people from your organisation.");
            }
            else if (draft.In is null)
            {
                problems.Add($"I can't reach {name} from here. Mention them where FeedbackBot is installed, or pick them in the form.");
            }
            else if (await MemberAsync(id, draft.In, giver.WorkspaceId, serviceUrl, ct) is { } member)
            {
                people.Add(member);
            }
            else
            {
                problems.Add($"I can't reach {name}: Teams says they are not in the chat where you mentioned them, so I can't message them.");
            }
        }

        return new ResolvedRecipients(people, problems);
    }

    /// <summary>An Entra object id or a person key of <paramref name="tenant"/>, else null.</summary>
    private static PersonRef? Direct(string id, string tenant)
    {
        if (Guid.TryParse(id, out var aad))
        {
            return TeamsAddressBook.Person(tenant, aad.ToString("D"));
        }

        if (id.StartsWith("teams:", StringComparison.Ordinal))
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

        return null;
    }

    /// <summary>Entra object ids that are not GUIDs are refused: Core's Teams people are tenant + object id.</summary>
    private async Task<PersonRef?> MemberAsync(string userId, string conversationId, string tenant, string serviceUrl, CancellationToken ct) =>
        await people.LearnMemberAsync(serviceUrl, conversationId, tenant, userId, ct) is { } person && Guid.TryParse(person.UserId, out _)
            ? person
            : null;
}
