using Microsoft.Extensions.Logging;

namespace FeedbackBot.Core.Ports;

/// <summary>Conveniences over <see cref="IOnceStore"/>.</summary>
public static class OnceStoreExtensions
{
    /// <summary>
    /// Runs <paramref name="work"/> at most once per <paramref name="key"/>: the key is claimed for
    /// <paramref name="whileRunning"/> (a crash mid-work frees it for a retry after that), then kept for
    /// <paramref name="keepFor"/> when <paramref name="done"/> says the result counts, or given back so a retry
    /// can do it. Work that throws gives the key back and the exception goes on — except
    /// <see cref="SaveUnconfirmedException"/> (maybe saved): the key is kept, so a replay cannot do it twice.
    /// Returns <c>Ran: false</c> without running anything when the key is claimed already.
    /// </summary>
    /// <remarks>
    /// After the work, keeping or giving back is best effort: a storage failure there is not the work's failure (the
    /// claim then simply ends after <paramref name="whileRunning"/>; <paramref name="logger"/> hears of it), and never
    /// hides the work's own exception.
    /// </remarks>
    public static async Task<(bool Ran, T Result)> RunOnceAsync<T>(
        this IOnceStore once,
        string key,
        TimeSpan whileRunning,
        TimeSpan keepFor,
        Func<CancellationToken, Task<T>> work,
        Func<T, bool> done,
        CancellationToken ct,
        ILogger? logger = null)
    {
        if (!await once.TryClaimAsync(key, whileRunning, ct))
        {
            return (false, default!);
        }

        T result;
        try
        {
            result = await work(ct);
        }
        catch (SaveUnconfirmedException)
        {
            await SettleAsync(once, key, keepFor, logger);
            throw;
        }
        catch
        {
            await SettleAsync(once, key, null, logger);
            throw;
        }

        await SettleAsync(once, key, done(result) ? keepFor : null, logger);
        return (true, result);
    }

    // Keeps the claim for `keep`, or gives it back (null). Storage trouble here leaves the short claim to expire.
    private static async Task SettleAsync(IOnceStore once, string key, TimeSpan? keep, ILogger? logger)
    {
        try
        {
            if (keep is { } ttl)
            {
                await once.KeepAsync(key, ttl, CancellationToken.None);
            }
            else
            {
                await once.ReleaseAsync(key, CancellationToken.None);
            }
        }
        catch (Exception ex)
        {
            logger?.LogWarning(ex, "Could not {Settle} the once-claim {Key}; it expires by itself", keep is null ? "give back" : "keep", key);
        }
    }
}
