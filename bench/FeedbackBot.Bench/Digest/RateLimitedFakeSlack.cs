using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Bench.Digest;

/// <summary>
/// A loopback Slack Web API for the benchmark: Kestrel on 127.0.0.1 answering conversations.open and
/// chat.postMessage. chat.postMessage is limited per workspace by a token bucket (rate per minute, burst) that
/// reads the benchmark's virtual clock; over the limit it answers 429 with Retry-After in virtual seconds.
/// The workspace comes from the bearer token (<c>xoxb-{team}</c>), as Slack keys limits by token.
/// </summary>
public sealed class RateLimitedFakeSlack(TimeProvider clock, int ratePerMinute, int burst) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new();
    private readonly ConcurrentDictionary<string, int> _postsPerChannel = new();
    private readonly ConcurrentDictionary<string, List<long>> _postTimes = new();
    private WebApplication? _app;
    private long _ratelimited;
    private long _ts;

    public Uri ApiBaseUrl { get; private set; } = null!;

    public long RateLimited => Interlocked.Read(ref _ratelimited);

    /// <summary>Posts per DM channel (<c>D{user}</c> in one workspace: <c>T…/D…</c>).</summary>
    public IReadOnlyDictionary<string, int> PostsPerChannel => _postsPerChannel;

    /// <summary>Virtual Unix ms of each accepted post, per workspace.</summary>
    public IReadOnlyDictionary<string, List<long>> PostTimes => _postTimes;

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/api/{method}", HandleAsync);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        ApiBaseUrl = new Uri(address.TrimEnd('/') + "/api/");
    }

    /// <summary>Virtual seconds until <paramref name="team"/> may post again (what the last 429 said, recomputed).</summary>
    public TimeSpan RetryAfter(string team) =>
        _buckets.TryGetValue(team, out var bucket) ? bucket.Wait(clock.GetUtcNow(), ratePerMinute) : TimeSpan.Zero;

    private async Task<IResult> HandleAsync(HttpContext http, string method)
    {
        var team = http.Request.Headers.Authorization.ToString()["Bearer xoxb-".Length..];
        // The client form-encodes every call, as Slack's read methods require (see SlackForm).
        var body = await http.Request.ReadFormAsync();
        switch (method)
        {
            case "conversations.open":
                var user = body["users"].ToString();
                return Results.Text($$$"""{"ok":true,"channel":{"id":"D{{{user}}}"}}""", "application/json");
            case "chat.postMessage":
                var now = clock.GetUtcNow();
                var bucket = _buckets.GetOrAdd(team, _ => new Bucket(burst, now));
                if (!bucket.TryTake(now, ratePerMinute, burst, out var wait))
                {
                    Interlocked.Increment(ref _ratelimited);
                    http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                    return Results.StatusCode(StatusCodes.Status429TooManyRequests);
                }

                var channel = body["channel"].ToString();
                _postsPerChannel.AddOrUpdate($"{team}/{channel}", 1, (_, n) => n + 1);
                var times = _postTimes.GetOrAdd(team, _ => []);
                lock (times)
                {
                    times.Add(now.ToUnixTimeMilliseconds());
                }

                return Results.Text($$"""{"ok":true,"channel":"{{channel}}","ts":"1700000000.{{Interlocked.Increment(ref _ts):D6}}"}""", "application/json");
            default:
                return Results.Text("""{"ok":true}""", "application/json");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    /// <summary>Token bucket on virtual time: refills ratePerMinute/60 per second up to burst.</summary>
    private sealed class Bucket(int burst, DateTimeOffset start)
    {
        private readonly Lock _gate = new();
        private double _tokens = burst;
        private DateTimeOffset _last = start;

        public bool TryTake(DateTimeOffset now, int ratePerMinute, int capacity, out TimeSpan wait)
        {
            lock (_gate)
            {
                Refill(now, ratePerMinute, capacity);
                if (_tokens >= 1)
                {
                    _tokens -= 1;
                    wait = TimeSpan.Zero;
                    return true;
                }

                wait = TimeSpan.FromSeconds((1 - _tokens) * 60.0 / ratePerMinute);
                return false;
            }
        }

        public TimeSpan Wait(DateTimeOffset now, int ratePerMinute)
        {
            lock (_gate)
            {
                var elapsed = (now - _last).TotalSeconds;
                var tokens = _tokens + elapsed * ratePerMinute / 60.0;
                return tokens >= 1 ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Ceiling((1 - tokens) * 60.0 / ratePerMinute));
            }
        }

        private void Refill(DateTimeOffset now, int ratePerMinute, int capacity)
        {
            if (now > _last)
            {
                _tokens = Math.Min(capacity, _tokens + (now - _last).TotalSeconds * ratePerMinute / 60.0);
                _last = now;
            }
        }
    }
}
