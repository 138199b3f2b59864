using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using FeedbackBot.Core;
using FeedbackBot.Core.Digest;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Preferences;
using FeedbackBot.Redis;
using FeedbackBot.Slack;
using FeedbackBot.Slack.Api;
using FeedbackBot.Slack.Delivery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace FeedbackBot.Bench.Digest;

/// <summary>
/// <c>digest</c>: one simulated week of weekly digests for many people in many workspaces, against real
/// Redis-protocol storage (embedded Garnet, or <c>--redis host:port</c>) and a rate-limited loopback fake Slack.
/// Time is virtual (<see cref="FakeTimeProvider"/>): the loop jumps to the next scheduler minute or the next
/// job's notBefore, so a week at 60 posts/min/workspace finishes in minutes of wall time. The fake Slack's
/// token bucket and Retry-After read the same clock. Hangfire is played by <see cref="VirtualJobs"/>: a job that
/// fails transiently (429) is retried at the Retry-After instant, as a job retry would.
/// </summary>
public static class DigestScenario
{
    // Monday 7 Dec 2026 00:00 UTC: a week with no DST change anywhere, so every enabled person is due exactly once.
    private static readonly DateTimeOffset WeekStart = new(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(string[] args)
    {
        var o = Options.Parse(args);
        Console.WriteLine($"digest scenario: {o.People:N0} people, {o.Workspaces:N0} workspaces, bot sends {o.Rate}/min/workspace, fake Slack allows {o.SlackRate}/min (burst {o.Burst}), seed {o.Seed}");
        var dataDir = Path.Combine(Path.GetTempPath(), "feedbackbot-bench-" + Guid.NewGuid().ToString("N"));
        EmbeddedGarnet? garnet = null;
        try
        {
            string connection;
            if (o.Redis is { } external)
            {
                connection = external;
            }
            else
            {
                garnet = EmbeddedGarnet.Start(dataDir, 0);
                connection = garnet.ConnectionString;
            }

            using var redis = await ConnectionMultiplexer.ConnectAsync(connection + ",allowAdmin=true");
            return await RunAsync(o, redis, o.Redis is null ? "embedded Garnet (AOF, commit-wait)" : $"redis at {o.Redis}");
        }
        finally
        {
            garnet?.Dispose();
            try
            {
                Directory.Delete(dataDir, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private static async Task<int> RunAsync(Options o, IConnectionMultiplexer redis, string storage)
    {
        var clock = new FakeTimeProvider(WeekStart);
        await using var slack = new RateLimitedFakeSlack(clock, o.SlackRate, o.Burst);
        await slack.StartAsync();

        var keys = new Keys("bench" + Guid.NewGuid().ToString("N")[..8]);
        var people = new BenchPeople();
        var jobs = new VirtualJobs();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton(redis);
        services.AddSingleton(keys);
        services.AddSingleton<IFeedbackStore, RedisFeedbackStore>();
        services.AddSingleton<IRequestStore, RedisRequestStore>();
        services.AddSingleton<IPreferencesStore, RedisPreferencesStore>();
        services.AddSingleton<IOnceStore, RedisOnceStore>();
        services.AddSingleton<IReminderSchedule, RedisReminderSchedule>();
        services.AddSingleton<ISendPacer, RedisSendPacer>(); // the production pacer, shared through storage
        services.AddSingleton<IPeopleDirectory>(people);
        services.AddSingleton<IJobScheduler>(jobs);
        services.AddFeedbackCore();
        services.Configure<DigestOptions>(d =>
        {
            // Every enabled person is owed exactly one DM this week, so "lost" is countable.
            d.SendWhenEmpty = true;
            d.WorkspaceSendRatePerMinute = o.Rate;
        });
        services.AddHttpClient(SlackApiClient.HttpClientName, http => http.BaseAddress = slack.ApiBaseUrl);
        services.AddSingleton<ISlackTokenStore, PerTeamTokens>();
        services.Configure<SlackTimings>(t =>
        {
            // The client would sleep Retry-After in real time; here every 429 goes back to the job runner,
            // which retries at the Retry-After instant on the virtual clock.
            t.MaxRetries = 0;
            t.MaxRetryAfter = TimeSpan.Zero;
        });
        services.AddSingleton<SlackApiClient>();
        services.AddSingleton<IChatMessenger, SlackMessenger>();
        await using var sp = services.BuildServiceProvider();

        // Population: random IANA zones, 10% with their own day/time, 3% with the digest off.
        var random = new Random(o.Seed);
        var zones = TimeZoneInfo.GetSystemTimeZones().Where(z => z.Id.Contains('/') && !z.Id.StartsWith("Etc/", StringComparison.Ordinal)).Select(z => z.Id).ToArray();
        var everyone = new PersonRef[o.People];
        var enabled = new HashSet<PersonRef>();
        var preferences = sp.GetRequiredService<IPreferencesStore>();
        var feedback = sp.GetRequiredService<IFeedbackStore>();
        var setup = Stopwatch.StartNew();
        var writes = new List<Task>();
        for (var i = 0; i < o.People; i++)
        {
            var team = $"T{i % o.Workspaces:D5}";
            var person = new PersonRef(Platform.Slack, team, $"U{i:D7}");
            everyone[i] = person;
            people.Add(new PersonProfile(person, person.UserId, zones[random.Next(zones.Length)], IsBot: false));
            var roll = random.NextDouble();
            if (roll < 0.03)
            {
                writes.Add(preferences.SaveAsync(person, PersonalPreferences.Default with { WeeklyReminder = WeeklyReminder.Default with { Enabled = false } }, default));
            }
            else
            {
                enabled.Add(person);
                if (roll < 0.13)
                {
                    var reminder = new WeeklyReminder(true, (DayOfWeek)random.Next(7), new TimeOnly(random.Next(24), 15 * random.Next(4)));
                    writes.Add(preferences.SaveAsync(person, PersonalPreferences.Default with { WeeklyReminder = reminder }, default));
                }
            }

            // A fifth receive a feedback from a teammate the day before, so digests carry real content.
            if (random.NextDouble() < 0.2 && i >= o.Workspaces)
            {
                var giver = everyone[i - o.Workspaces];
                writes.Add(feedback.SaveAsync(new FeedbackItem(Ids.New(clock), giver, person, FeedbackContent.FromText("Thanks for the <b>clear</b> review & the follow-up."),
                    FeedbackKind.Praise, FeedbackVisibility.Private, Anonymous: random.Next(4) == 0, null, null, WeekStart.AddDays(-1),
                    DeliveryStatus.Delivered, WeekStart.AddDays(-1)), default));
            }

            if (writes.Count >= 2000)
            {
                await Task.WhenAll(writes);
                writes.Clear();
            }
        }

        await Task.WhenAll(writes);
        Console.WriteLine($"setup (preferences, seeded feedback): {setup.Elapsed.TotalSeconds:F1} s");

        // 1. Plan everyone's next digest: what a full re-plan (or every person's first contact) costs.
        var plan = sp.GetRequiredService<PlanWeeklyReminder>();
        var planTimer = Stopwatch.StartNew();
        await Parallel.ForEachAsync(everyone, new ParallelOptions { MaxDegreeOfParallelism = o.PlanConcurrency },
            async (person, ct) => await plan.PlanAsync(person, ct));
        planTimer.Stop();
        var scheduled = await redis.GetDatabase().SortedSetLengthAsync(keys.Reminders);
        Console.WriteLine($"plan: {o.People:N0} people in {planTimer.Elapsed.TotalSeconds:F2} s ({o.People / planTimer.Elapsed.TotalSeconds:N0}/s); {scheduled:N0} in the schedule");
        if (o.PlanOnly)
        {
            return scheduled == enabled.Count ? 0 : 1;
        }

        // 2. The week, on the virtual clock.
        var runDue = sp.GetRequiredService<RunDueReminders>();
        var deliver = sp.GetRequiredService<DeliverWeeklyDigest>();
        var end = WeekStart.AddDays(7);
        var nextTick = WeekStart.AddMinutes(1);
        var outcomes = new ConcurrentDictionary<DigestOutcome, int>();
        long retries = 0, gaveUp = 0, queuedByScheduler = 0;
        long peakManaged = 0;
        var wall = Stopwatch.StartNew();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(o.MaxSeconds));
        var timedOut = false;
        while (true)
        {
            if (limit.IsCancellationRequested)
            {
                timedOut = true;
                break;
            }

            var nextJob = jobs.EarliestNotBefore;
            if (nextTick <= end && (nextJob is null || nextTick <= nextJob))
            {
                clock.SetUtcNow(nextTick);
                // Two hosts run the recurring job at the same minute: the atomic take must not hand anyone out twice.
                var counts = await Task.WhenAll(runDue.RunAsync(default), runDue.RunAsync(default));
                queuedByScheduler += counts.Sum();
                nextTick = nextTick.AddMinutes(1);
                continue;
            }

            if (nextJob is null)
            {
                break;
            }

            if (nextJob > clock.GetUtcNow())
            {
                clock.SetUtcNow(nextJob.Value);
            }

            var batch = jobs.TakeDue(clock.GetUtcNow());
            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = o.Concurrency }, async (job, ct) =>
            {
                try
                {
                    var outcome = await deliver.RunAsync(job.Person, job.WeekKey, ct);
                    outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);
                }
                catch (ChatDeliveryException ex) when (!ex.Permanent)
                {
                    if (job.Attempt >= o.MaxAttempts)
                    {
                        Interlocked.Increment(ref gaveUp);
                        return;
                    }

                    // Hangfire would retry the job; we retry it when Slack said it may be sent.
                    Interlocked.Increment(ref retries);
                    var wait = slack.RetryAfter(job.Person.WorkspaceId);
                    jobs.Add(job with { NotBefore = clock.GetUtcNow() + (wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1)), Attempt = job.Attempt + 1 });
                }
            });
            peakManaged = Math.Max(peakManaged, GC.GetTotalMemory(false));
        }

        wall.Stop();

        // 3. Figures.
        var posts = slack.PostsPerChannel;
        var lost = enabled.Count(p => !posts.ContainsKey($"{p.WorkspaceId}/D{p.UserId}"));
        var doubled = posts.Count(kv => kv.Value > 1);
        var toDisabled = everyone.Where(p => !enabled.Contains(p)).Count(p => posts.ContainsKey($"{p.WorkspaceId}/D{p.UserId}"));
        var totalPosts = posts.Values.Sum();
        var windows = slack.PostTimes.Select(kv => PeakWindow(kv.Value, 60_000)).ToArray();
        var sustained = slack.PostTimes.Select(kv => SustainedRate(kv.Value)).Where(r => r > 0).ToArray();
        var process = Process.GetCurrentProcess();
        var gcInfo = GC.GetGCMemoryInfo();
        var rescheduled = await redis.GetDatabase().SortedSetLengthAsync(keys.Reminders);

        var report = new List<(string, string)>
        {
            ("storage", storage),
            ("people / workspaces", $"{o.People:N0} / {o.Workspaces:N0} ({zones.Length} IANA zones, 10% own day/time, 3% off)"),
            ("configured rate", $"bot {o.Rate}/min per workspace; fake Slack bucket {o.SlackRate}/min, burst {o.Burst}"),
            ("plan a week (all people)", $"{planTimer.Elapsed.TotalSeconds:F2} s ({o.People / planTimer.Elapsed.TotalSeconds:N0} people/s, {o.PlanConcurrency} concurrent)"),
            ("simulated week, wall time", $"{wall.Elapsed.TotalSeconds:F1} s{(timedOut ? " (STOPPED by --max-seconds)" : "")}"),
            ("digests posted", $"{totalPosts:N0} ({totalPosts / wall.Elapsed.TotalSeconds:N0}/s wall)"),
            ("queued by scheduler (2 hosts)", $"{queuedByScheduler:N0}, plus {jobs.Duplicates:N0} duplicate jobs injected"),
            ("outcomes", string.Join(", ", outcomes.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value:N0}"))),
            ("429 answers / job retries / gave up", $"{slack.RateLimited:N0} / {retries:N0} / {gaveUp:N0}"),
            ("per-workspace peak posts in any 60 s (virtual)", $"max {windows.DefaultIfEmpty().Max()}, median {Median(windows)} (Slack limit {o.SlackRate} + burst {o.Burst})"),
            ("per-workspace sustained rate while sending", $"median {Median(sustained):F1}/min, max {sustained.DefaultIfEmpty().Max():F1}/min"),
            ("peak memory", $"working set {process.PeakWorkingSet64 / 1048576.0:N0} MB (Garnet in-process when embedded), managed heap peak ~{Math.Max(peakManaged, gcInfo.HeapSizeBytes) / 1048576.0:N0} MB"),
            ("lost (enabled, no digest)", lost.ToString(CultureInfo.InvariantCulture)),
            ("doubled (same person, same week, >1 post)", doubled.ToString(CultureInfo.InvariantCulture)),
            ("posted to people who turned it off", toDisabled.ToString(CultureInfo.InvariantCulture)),
            ("in the schedule afterwards (next week)", $"{rescheduled:N0} of {enabled.Count:N0} enabled"),
        };
        Console.WriteLine();
        Console.WriteLine("| measure | value |");
        Console.WriteLine("|---|---|");
        foreach (var (k, v) in report)
        {
            Console.WriteLine($"| {k} | {v} |");
        }

        return lost == 0 && doubled == 0 && toDisabled == 0 && !timedOut ? 0 : 1;
    }

    // Most posts in any window of windowMs (two pointers over sorted virtual times).
    private static int PeakWindow(List<long> times, long windowMs)
    {
        var sorted = times.Order().ToArray();
        var best = 0;
        for (int lo = 0, hi = 0; hi < sorted.Length; hi++)
        {
            while (sorted[hi] - sorted[lo] >= windowMs)
            {
                lo++;
            }

            best = Math.Max(best, hi - lo + 1);
        }

        return best;
    }

    // Posts per minute within busy stretches: consecutive posts under 5 minutes apart count as one stretch.
    private static double SustainedRate(List<long> times)
    {
        var sorted = times.Order().ToArray();
        double posts = 0, ms = 0;
        for (var i = 1; i < sorted.Length; i++)
        {
            var gap = sorted[i] - sorted[i - 1];
            if (gap < 300_000)
            {
                posts++;
                ms += gap;
            }
        }

        return ms > 0 ? posts / (ms / 60_000.0) : 0;
    }

    private static double Median(IReadOnlyList<double> values) => values.Count == 0 ? 0 : values.Order().ElementAt(values.Count / 2);

    private static int Median(IReadOnlyList<int> values) => values.Count == 0 ? 0 : values.Order().ElementAt(values.Count / 2);

    private sealed record Options(int People, int Workspaces, int Rate, int SlackRate, int Burst, int Seed, string? Redis, int Concurrency, int PlanConcurrency,
        int MaxSeconds, int MaxAttempts, bool PlanOnly)
    {
        public static Options Parse(string[] args)
        {
            string? Get(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
            int Int(string name, int fallback) => Get(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
            var rate = Int("--rate", 60);
            return new Options(Int("--people", 100_000), Int("--workspaces", 1_000), rate, Int("--slack-rate", rate), Int("--burst", 10), Int("--seed", 42),
                Get("--redis"), Int("--concurrency", 64), Int("--plan-concurrency", 256), Int("--max-seconds", 600), Int("--max-attempts", 50),
                args.Contains("--plan-only"));
        }
    }
}

/// <summary>Profiles in memory (the Slack directory would cache users.info the same way).</summary>
public sealed class BenchPeople : IPeopleDirectory
{
    private readonly ConcurrentDictionary<PersonRef, PersonProfile> _profiles = new();

    public void Add(PersonProfile profile) => _profiles[profile.Person] = profile;

    public Task<PersonProfile?> GetProfileAsync(PersonRef person, CancellationToken ct) => Task.FromResult(_profiles.GetValueOrDefault(person));
}

/// <summary>One bot token per workspace, so the fake Slack can rate-limit per workspace as Slack does.</summary>
public sealed class PerTeamTokens : ISlackTokenStore
{
    public ValueTask<string?> GetBotTokenAsync(string teamId, CancellationToken ct) => ValueTask.FromResult<string?>("xoxb-" + teamId);
}

/// <summary>A digest delivery job as Hangfire would hold it.</summary>
public sealed record DigestJob(PersonRef Person, string WeekKey, DateTimeOffset NotBefore, int Attempt = 0);

/// <summary>
/// Plays Hangfire for the digest: jobs ordered by notBefore. Every queued digest is also queued a second time
/// 30 s later, standing for a retried or doubly-scheduled job: the once-per-week claim must make it a no-op.
/// </summary>
public sealed class VirtualJobs : IJobScheduler
{
    private readonly PriorityQueue<DigestJob, DateTimeOffset> _queue = new();
    private readonly Lock _gate = new();

    public long Duplicates { get; private set; }

    public DateTimeOffset? EarliestNotBefore
    {
        get { lock (_gate) { return _queue.TryPeek(out _, out var at) ? at : null; } }
    }

    public void Add(DigestJob job)
    {
        lock (_gate) { _queue.Enqueue(job, job.NotBefore); }
    }

    public IReadOnlyList<DigestJob> TakeDue(DateTimeOffset now)
    {
        var due = new List<DigestJob>();
        lock (_gate)
        {
            while (_queue.TryPeek(out _, out var at) && at <= now)
            {
                due.Add(_queue.Dequeue());
            }
        }

        return due;
    }

    public void EnqueueWeeklyDigest(PersonRef person, string weekKey, DateTimeOffset notBefore)
    {
        Add(new DigestJob(person, weekKey, notBefore));
        Add(new DigestJob(person, weekKey, notBefore.AddSeconds(30)));
        lock (_gate) { Duplicates++; }
    }

    public void EnqueueFeedbackDelivery(string feedbackId)
    {
    }

    public void ScheduleNudgeCheck(PersonRef person, DateTimeOffset at)
    {
    }
}
