using FeedbackBot.Core.Limits;
using FeedbackBot.Core.People;
using StackExchange.Redis;

namespace FeedbackBot.Redis;

/// <summary>
/// Per-person limits shared by every host: one sorted set per person and action
/// (<c>{p}:{slack:T1}:limits:{action}:{user}</c>, a member per use, scored by its time in Unix ms), checked and
/// written by one Lua script, so two hosts racing for the last slot cannot both get it (even where the server runs
/// the script's calls one by one: see the script's order).
/// <para>
/// Sliding window (a log of uses), not fixed buckets: a fixed hourly bucket lets a person send twice the limit
/// across a bucket boundary (30 at 10:59, 30 at 11:00), and "try again at 11:00" would be a promise about a bucket
/// rather than about what they did. The log answers exactly when the oldest use that matters leaves the window.
/// It stays small: at most the largest limit (100 by default) entries per person, and the key expires after its
/// longest window.
/// </para>
/// </summary>
public sealed class RedisUsageLimiter(IConnectionMultiplexer redis, Keys keys) : IUsageLimiter
{
    // KEYS[1] the person's log. ARGV: now (ms), amount, a token unique to this call, then window (ms) and limit pairs.
    // Returns {0, 0} when the uses were recorded; otherwise {window number (1-based), retry-at ms or -1 for never}
    // for the window that frees up last, having recorded nothing. A use at t counts while t > now - window.
    // Add, then count, then take back if over: the embedded Garnet runs a script's calls one by one (no Lua
    // transaction mode, docs/embedded-storage.md), and in this order two racing calls can never both get the last
    // slot — a use is granted only if the count that includes it and every use granted before it fits. A race can
    // refuse a use that would have fitted (the other call's use is taken back a moment later); never the reverse.
    private const string Script = """
        local key = KEYS[1]
        local now = tonumber(ARGV[1])
        local amount = tonumber(ARGV[2])
        local token = ARGV[3]
        local longest = 0
        for i = 4, #ARGV, 2 do
          local w = tonumber(ARGV[i])
          if w > longest then longest = w end
        end
        redis.call('ZREMRANGEBYSCORE', key, '-inf', now - longest)
        for n = 1, amount do
          redis.call('ZADD', key, now, token .. ':' .. n)
        end
        local refused = 0
        local retry = 0
        for i = 4, #ARGV, 2 do
          local w = tonumber(ARGV[i])
          local limit = tonumber(ARGV[i + 1])
          local used = redis.call('ZCOUNT', key, '(' .. (now - w), '+inf')
          if used > limit then
            local at = -1
            if amount <= limit then
              local oldest = redis.call('ZRANGEBYSCORE', key, '(' .. (now - w), '+inf', 'WITHSCORES', 'LIMIT', used - limit - 1, 1)
              at = tonumber(oldest[2]) + w
            end
            if refused == 0 or at == -1 or (retry ~= -1 and at > retry) then
              refused = (i - 2) / 2
              retry = at
            end
          end
        end
        if refused > 0 then
          for n = 1, amount do
            redis.call('ZREM', key, token .. ':' .. n)
          end
          return {refused, retry}
        end
        redis.call('PEXPIRE', key, longest)
        return {0, 0}
        """;

    public async Task<UsageDecision> TryTakeAsync(PersonRef person, LimitedAction action, int amount, IReadOnlyList<UsageWindow> windows,
        DateTimeOffset now, CancellationToken ct)
    {
        var args = new List<RedisValue> { now.ToUnixTimeMilliseconds(), amount, Guid.NewGuid().ToString("N") };
        foreach (var window in windows)
        {
            args.Add((long)window.Length.TotalMilliseconds);
            args.Add(window.Limit);
        }

        var key = keys.Limits(person, action.ToString().ToLowerInvariant());
        var result = (RedisResult[]?)await redis.GetDatabase().ScriptEvaluateAsync(Script, [key], [.. args])
            ?? throw new InvalidOperationException("The limits script returned nothing.");
        var refused = (int)result[0];
        if (refused == 0)
        {
            return UsageDecision.Allow;
        }

        var retry = (long)result[1];
        return new UsageDecision(false, windows[refused - 1], retry < 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(retry));
    }
}
