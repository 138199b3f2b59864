using System.Collections.Concurrent;
using FeedbackBot.Slack.Api;
using FeedbackBot.Slack.Background;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Slack.Views;

/// <summary>
/// Refreshes of an open view while the person types (the live coach). <c>on_character_entered</c> fires on
/// every keystroke and <c>views.update</c> is Tier 4 per workspace
/// (https://docs.slack.dev/apis/web-api/rate-limits), so per view only the latest wanted update is kept and at
/// most one is in flight; keystrokes that arrive meanwhile replace each other. A rate-limited or stale
/// (<c>hash_conflict</c>) update is dropped, never waited for: the next keystroke brings a fresh one. Runs on the
/// UI queue, apart from deliveries (their own dispatcher) and events (durable jobs), so it can starve neither.
/// </summary>
public sealed class LiveViewUpdates(SlackBackgroundQueue queue, ILogger<LiveViewUpdates> logger)
{
    private readonly ConcurrentDictionary<string, Slot> _views = new();

    /// <summary>
    /// Asks for <paramref name="update"/> to run for <paramref name="viewId"/>, replacing any not yet started. It
    /// runs on a <typeparamref name="TService"/> resolved in the queue's own scope (constructor injection).
    /// </summary>
    public void Request<TService>(string viewId, Func<TService, CancellationToken, Task> update) where TService : notnull
    {
        var slot = _views.GetOrAdd(viewId, _ => new Slot());
        lock (slot)
        {
            slot.Next = (sp, ct) => update(sp.GetRequiredService<TService>(), ct);
            if (slot.Running)
            {
                return;
            }

            slot.Running = true;
        }

        if (!queue.Enqueue((sp, ct) => DrainAsync(viewId, slot, sp, ct)))
        {
            lock (slot)
            {
                slot.Running = false;
                slot.Next = null;
            }
        }
    }

    private async Task DrainAsync(string viewId, Slot slot, IServiceProvider services, CancellationToken ct)
    {
        while (true)
        {
            Func<IServiceProvider, CancellationToken, Task>? next;
            lock (slot)
            {
                next = slot.Next;
                slot.Next = null;
                if (next is null)
                {
                    slot.Running = false;
                    _views.TryRemove(new KeyValuePair<string, Slot>(viewId, slot));
                    return;
                }
            }

            try
            {
                await next(services, ct);
            }
            catch (SlackApiException ex) when (ex.Error is "ratelimited" or "hash_conflict" or "not_found" or "timeout")
            {
                logger.LogDebug("Live update of view {ViewId} dropped: {Error}", viewId, ex.Error);
            }
        }
    }

    private sealed class Slot
    {
        public Func<IServiceProvider, CancellationToken, Task>? Next { get; set; }

        public bool Running { get; set; }
    }
}
