using FeedbackBot.Core.Limits;
using FeedbackBot.Core.Nudges;
using FeedbackBot.Core.People;

namespace FeedbackBot.Testing;

/// <summary>
/// The Redis limiter's semantics in memory, for tests: a sliding log of uses per person and action; a request
/// that does not fit every window records nothing and says when it would (the window that frees up last), or never
/// when it asks for more than a window's limit at once. A use at t counts while t &gt; now − window.
/// </summary>
public sealed class InMemoryUsageLimiter : IUsageLimiter
{
    private readonly Dictionary<(PersonRef, LimitedAction), List<DateTimeOffset>> _uses = [];
    private readonly Lock _gate = new();

    /// <summary>Uses recorded for <paramref name="person"/> (within the longest window last asked about).</summary>
    public int Count(PersonRef person, LimitedAction action)
    {
        lock (_gate)
        {
            return _uses.TryGetValue((person, action), out var log) ? log.Count : 0;
        }
    }

    public Task<UsageDecision> TryTakeAsync(PersonRef person, LimitedAction action, int amount, IReadOnlyList<UsageWindow> windows,
        DateTimeOffset now, CancellationToken ct)
    {
        lock (_gate)
        {
            if (!_uses.TryGetValue((person, action), out var log))
            {
                _uses[(person, action)] = log = [];
            }

            var longest = windows.Max(w => w.Length);
            log.RemoveAll(t => t <= now - longest);
            UsageDecision? refused = null;
            foreach (var window in windows)
            {
                var inside = log.Where(t => t > now - window.Length).Order().ToArray();
                if (inside.Length + amount <= window.Limit)
                {
                    continue;
                }

                DateTimeOffset? at = amount > window.Limit ? null : inside[inside.Length + amount - window.Limit - 1] + window.Length;
                if (refused is null || at is null || (refused.RetryAt is { } earlier && at > earlier))
                {
                    refused = new UsageDecision(false, window, at);
                }
            }

            if (refused is not null)
            {
                return Task.FromResult(refused);
            }

            log.AddRange(Enumerable.Repeat(now, amount));
            return Task.FromResult(UsageDecision.Allow);
        }
    }
}

/// <summary>Core's limits gate for tests that construct use cases by hand.</summary>
public static class TestLimits
{
    /// <summary>No limits at all (the limiter allows everything).</summary>
    public static PersonLimits Off(TimeProvider time) =>
        On(new NoUsageLimits(), new LimitsOptions(), new PersonClock(new InMemoryPreferencesStore(), new Nobody()), time);

    /// <summary>The real gate over <paramref name="limiter"/> with <paramref name="options"/>.</summary>
    public static PersonLimits On(IUsageLimiter limiter, LimitsOptions options, PersonClock clock, TimeProvider time) =>
        new(limiter, Microsoft.Extensions.Options.Options.Create(options), clock, time, Microsoft.Extensions.Logging.Abstractions.NullLogger<PersonLimits>.Instance);

    // Off never asks anyone's time zone.
    private sealed class Nobody : FeedbackBot.Core.Ports.IPeopleDirectory
    {
        public Task<PersonProfile?> GetProfileAsync(PersonRef person, CancellationToken ct) => Task.FromResult<PersonProfile?>(null);
    }
}
