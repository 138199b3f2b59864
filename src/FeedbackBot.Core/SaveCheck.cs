using Microsoft.Extensions.Logging;

namespace FeedbackBot.Core;

/// <summary>
/// A save that failed is not necessarily a save that did not happen: a timeout may come after the write landed.
/// Use cases ask storage before anyone is told "not saved, try again" (which would make them send it twice).
/// </summary>
public static class SaveCheck
{
    /// <summary>
    /// Runs <paramref name="save"/>. When it fails, asks storage (<paramref name="read"/> of the first id) whether
    /// the write landed anyway: it did → returns the failure, for the caller to log and carry on as saved; it did
    /// not → rethrows the failure (nothing saved: "not saved, try again"); storage cannot be asked either → throws
    /// <see cref="SaveUnconfirmedException"/> for <paramref name="ids"/>. Null when the save simply succeeded.
    /// </summary>
    public static async Task<Exception?> SaveAsync<T>(Func<Task> save, Func<Task<T?>> read, IReadOnlyList<string> ids, ILogger logger)
        where T : class
    {
        try
        {
            await save();
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (await LandedAsync(read, ids[0], logger) is not { } saved)
            {
                throw new SaveUnconfirmedException(ids, ex);
            }

            if (!saved)
            {
                throw;
            }

            return ex;
        }
    }

    /// <summary>
    /// Whether the record written as <paramref name="id"/> exists: true or false when storage answered, null when it
    /// could not be asked either. A read sent after the write sees it if it landed (commands on one connection run
    /// in order).
    /// </summary>
    public static async Task<bool?> LandedAsync<T>(Func<Task<T?>> read, string id, ILogger logger) where T : class
    {
        try
        {
            return await read() is not null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not check whether {Id} was saved", id);
            return null;
        }
    }
}

/// <summary>
/// Storage failed while saving and could not be asked afterwards whether the write landed: it may or may not be
/// saved. If it was, the sweeper delivers it; adapters say exactly that and ask the person to wait for the
/// confirmation instead of sending again.
/// </summary>
public sealed class SaveUnconfirmedException(IReadOnlyList<string> ids, Exception inner)
    : Exception("Storage failed while saving and could not confirm whether the write landed.", inner)
{
    /// <summary>The ids that may or may not be stored.</summary>
    public IReadOnlyList<string> Ids { get; } = ids;
}
