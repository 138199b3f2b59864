using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Core.DataRights;

/// <summary>What one delete-my-data run removed or changed, per part (0 everywhere on a repeat run).</summary>
public sealed record DeletionReport(IReadOnlyDictionary<string, long> Parts)
{
    public long Total => Parts.Values.Sum();
}

/// <summary>
/// <c>/feedback delete-my-data</c>: every registered <see cref="IPersonalDataPart"/> erases what it holds of the
/// person. What they received, their preferences, schedules, ratings, commitments and themes go; feedback they gave
/// stays with its recipients without their identity. Idempotent: a second run (or a retry after a failure half-way)
/// finds nothing left and changes nothing. Every part runs even if one fails; the failure is rethrown at the end so
/// the person is told to try again.
/// </summary>
public sealed class DeletePersonalData(IEnumerable<IPersonalDataPart> parts, ILogger<DeletePersonalData> logger)
{
    public async Task<DeletionReport> RunAsync(PersonRef person, CancellationToken ct)
    {
        var removed = new Dictionary<string, long>();
        var failures = new List<Exception>();
        foreach (var part in parts)
        {
            try
            {
                removed[part.Name] = await part.EraseAsync(person, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Delete-my-data for {Person}: part {Part} failed", person, part.Name);
                failures.Add(ex);
            }
        }

        if (failures.Count > 0)
        {
            throw new AggregateException($"Deleting the data of {person} was not complete; running it again finishes it.", failures);
        }

        logger.LogInformation("Delete-my-data for {Person}: {Count} keys or entries removed or anonymised", person, removed.Values.Sum());
        return new DeletionReport(removed);
    }
}
