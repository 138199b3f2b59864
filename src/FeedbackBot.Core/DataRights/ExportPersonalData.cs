using System.Text.Json.Nodes;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;

namespace FeedbackBot.Core.DataRights;

/// <summary>
/// <c>/feedback export</c>: everything stored about a person, from every registered <see cref="IPersonalDataPart"/>
/// (so a new kind of data is exported as soon as its store registers its part), as one JSON document:
/// <c>{"format":"feedbackbot-export/1","person":…,"exportedAt":…,"parts":{"received":…,…}}</c>.
/// </summary>
public sealed class ExportPersonalData(IEnumerable<IPersonalDataPart> parts, TimeProvider time)
{
    public const string Format = "feedbackbot-export/1";

    public async Task<JsonObject> BuildAsync(PersonRef person, CancellationToken ct)
    {
        var byName = new JsonObject();
        foreach (var part in parts.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            byName[part.Name] = await part.ExportAsync(person, ct);
        }

        return new JsonObject
        {
            ["format"] = Format,
            ["person"] = person.Key,
            ["exportedAt"] = time.GetUtcNow().ToString("O"),
            ["parts"] = byName,
        };
    }
}
