using System.Collections.Concurrent;
using FeedbackBot.Core.People;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Core.Insights;

/// <summary>
/// Member lists a platform read for insights (a team's, the workspace's), reused for
/// <see cref="InsightsOptions.MembersCacheTime"/>: platforms rate-limit and page their member lists, and a report
/// asks for the same lists again soon. One per platform's <see cref="IPlatformTeams"/>; a failed read is not kept.
/// </summary>
public sealed class MemberListCache(IOptions<InsightsOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, IReadOnlyCollection<string> Members)> _lists = new();

    /// <summary>The list kept for <paramref name="what"/> in <paramref name="workspace"/>, or <paramref name="load"/>'s (kept unless null).</summary>
    public async Task<IReadOnlyCollection<string>?> GetAsync(WorkspaceRef workspace, string what, Func<Task<IReadOnlyCollection<string>?>> load)
    {
        var key = Key(workspace, what);
        var now = time.GetUtcNow();
        if (_lists.TryGetValue(key, out var cached) && now - cached.At < options.Value.MembersCacheTime)
        {
            return cached.Members;
        }

        var members = await load();
        if (members is not null)
        {
            _lists[key] = (now, members);
        }

        return members;
    }

    /// <summary>Drops what is kept for <paramref name="what"/> (e.g. a team the bot left).</summary>
    public void Forget(WorkspaceRef workspace, string what) => _lists.TryRemove(Key(workspace, what), out _);

    private static string Key(WorkspaceRef workspace, string what) => $"{workspace}|{what}";
}
