using System.Text.Json.Nodes;
using FeedbackBot.Core.People;

namespace FeedbackBot.Core.Ports;

/// <summary>
/// One kind of data stored about a person (feedback, requests, preferences, schedules, commitments, themes…), for
/// the person's data rights: <c>/feedback export</c> and <c>/feedback delete-my-data</c>. Every store that keeps
/// anything about a person registers one (<c>services.AddSingleton&lt;IPersonalDataPart, …&gt;()</c>); the export
/// and delete use cases walk them all, so a new kind of data cannot be forgotten by either.
/// </summary>
public interface IPersonalDataPart
{
    /// <summary>The part's name in the export (<c>received</c>, <c>commitments</c>): a JSON property name, stable.</summary>
    string Name { get; }

    /// <summary>
    /// What this part holds that <paramref name="person"/> owns, as JSON (null: nothing). Never anything of
    /// another person beyond what the person already sees (an anonymous giver stays anonymous).
    /// </summary>
    Task<JsonNode?> ExportAsync(PersonRef person, CancellationToken ct);

    /// <summary>
    /// Removes what this part holds of <paramref name="person"/>; what they gave others stays with those others but
    /// loses the person's identity. Idempotent. Returns how many keys or entries were removed or changed.
    /// </summary>
    Task<long> EraseAsync(PersonRef person, CancellationToken ct);
}
