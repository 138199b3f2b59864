using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FeedbackBot.Core.Ports;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Teams.Inbound;

/// <summary>
/// The one after-answer path of the Teams adapter: durable <see cref="IBackgroundWork"/> (Hangfire in the host),
/// stored before Teams is answered. Gives (<c>teams-give</c>), requests (<c>teams-request</c>) and declines
/// (<c>teams-decline</c>) use it; nothing runs in memory after the answer.
/// </summary>
public static class TeamsWork
{
    /// <summary>
    /// Stores <paramref name="payload"/> as <paramref name="kind"/>; false (logged) when it could not be stored, so the
    /// caller tells the person nothing was done instead of claiming it.
    /// </summary>
    public static async Task<bool> TryEnqueueAsync(this IBackgroundWork work, string kind, string payload, ILogger logger, CancellationToken ct)
    {
        try
        {
            await work.EnqueueAsync(kind, payload, ct);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogError(ex, "Teams {Kind} work was not stored", kind);
            return false;
        }
    }

    /// <summary>A stored payload; written by the adapter from an admitted activity, so anything else is a bug and the job fails loudly.</summary>
    public static T Read<T>(string payload, JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize(payload, type) ?? throw new InvalidOperationException($"A stored Teams {typeof(T).Name} is empty.");
}
