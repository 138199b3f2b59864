using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using StackExchange.Redis;

namespace FeedbackBot.Redis;

/// <summary>
/// Per-workspace send slots in storage (<c>{p}:{slack:T1}:pace</c>, Unix ms of the next free slot), so every
/// host planning digests draws from the same sequence and a workspace is paced cluster-wide.
/// </summary>
public sealed class RedisSendPacer(IConnectionMultiplexer redis, Keys keys) : ISendPacer
{
    // Take a slot atomically: max(now, next free), and move next free on by the spacing. The key expires an
    // hour after its last slot, so idle workspaces cost nothing.
    private static readonly LuaScript Take = LuaScript.Prepare("""
        local free = tonumber(redis.call('GET', @key) or '0')
        local now = tonumber(@now)
        local slot = free
        if slot < now then slot = now end
        local nextFree = slot + tonumber(@spacing)
        redis.call('SET', @key, nextFree, 'PX', nextFree - now + 3600000)
        return slot
        """);

    public async Task<DateTimeOffset> NextSlotAsync(WorkspaceRef workspace, DateTimeOffset now, TimeSpan spacing, CancellationToken ct)
    {
        var slot = (long)await redis.GetDatabase().ScriptEvaluateAsync(Take, new
        {
            key = keys.Pace(workspace),
            now = now.ToUnixTimeMilliseconds(),
            spacing = (long)spacing.TotalMilliseconds,
        });
        return DateTimeOffset.FromUnixTimeMilliseconds(slot);
    }
}
