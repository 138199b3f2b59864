using FeedbackBot.Core;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Preferences;
using FeedbackBot.Redis;
using FeedbackBot.Testing;
using StackExchange.Redis;

namespace FeedbackBot.Host.Tests;

/// <summary>
/// kill -9 of the real host process with embedded Garnet: what the bot was told is stored must still be there,
/// and a job planned before the crash must run once after the restart.
/// </summary>
public sealed class DurabilityTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fb-durable-").FullName;
    private readonly int _garnetPort = LoopbackPort.Pick();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Dictionary<string, string> Settings => new()
    {
        ["Storage:DataDirectory"] = _dir,
        ["Storage:EmbeddedPort"] = _garnetPort.ToString(),
        ["Hangfire:SchedulePollingInterval"] = "00:00:00.500",
        ["Delivery:SweepInterval"] = "00:00:01",
    };

    [Fact]
    public async Task KillDashNine_AcknowledgedWritesSurviveRestart()
    {
        const int writes = 300;
        await using (var host = HostProcess.Start(Settings))
        {
            await host.WaitReadyAsync();
            using var redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{_garnetPort}");
            var db = redis.GetDatabase();
            for (var i = 0; i < writes; i++)
            {
                // Each write is awaited: the server acknowledged it before the next one (and before the kill).
                await db.StringSetAsync($"probe:{i}", i);
                await db.ListRightPushAsync("probe:list", i);
            }

            host.KillHard();
        }

        await using var restarted = HostProcess.Start(Settings);
        await restarted.WaitReadyAsync();
        using var again = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{_garnetPort}");
        var values = await again.GetDatabase().StringGetAsync(Enumerable.Range(0, writes).Select(i => (RedisKey)$"probe:{i}").ToArray());
        Assert.All(values.Select((v, i) => (v, i)), x => Assert.Equal(x.i, (int)x.v));
        Assert.Equal(writes, await again.GetDatabase().ListLengthAsync("probe:list"));
    }

    [Fact]
    public async Task KillDashNine_PendingDeliveryIsSweptAndDeliveredOnceAfterRestart()
    {
        await using var slack = await FakeSlackApi.StartAsync();
        var settings = EndToEndTests.SlackSettings(slack, _dir);
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        var recipient = new PersonRef(Platform.Slack, "T1", "U2");
        var feedbackId = Ids.New(TimeProvider.System, recipient.Workspace);
        await using (var host = HostProcess.Start(settings))
        {
            await host.WaitReadyAsync();
            using var redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{_garnetPort}");
            // Stored with its pending-delivery entry but never dispatched (as if the process died right after
            // the save), and due only after the kill, so nothing can send it before the crash.
            await new RedisFeedbackStore(redis, new Keys("fb")).SaveAsync([new FeedbackItem(
                feedbackId, new PersonRef(Platform.Slack, "T1", "U1"), recipient,
                FeedbackContent.FromText("Thanks for the clear demo; the client signed."), FeedbackKind.Praise,
                FeedbackVisibility.Private, false, null, null, DateTimeOffset.UtcNow)], DateTimeOffset.UtcNow.AddSeconds(3), default);
            host.KillHard();
        }

        Assert.Empty(slack.CallsTo("chat.postMessage")); // nothing was sent before the crash

        await using var restarted = HostProcess.Start(settings);
        await restarted.WaitReadyAsync();
        await slack.WaitForAsync("chat.postMessage", 2, TimeSpan.FromSeconds(60)); // the DM and the giver's confirmation
        using var again = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{_garnetPort}");
        var item = await new RedisFeedbackStore(again, new Keys("fb")).GetAsync(feedbackId, default);
        Assert.Equal(DeliveryStatus.Delivered, item!.Delivery);
        Assert.Single(slack.CallsTo("chat.postMessage"), c => c.Args["channel"]?.ToString() == "DU2");
    }

    [Fact]
    public async Task KillDashNine_RequestNudgeStillArrivesOnceAtItsTime()
    {
        await using var slack = await FakeSlackApi.StartAsync();
        slack.SetUser("UASKER", name: "Asha");
        slack.SetUser("UOWER", name: "Omar");
        var settings = EndToEndTests.SlackSettings(slack, _dir);
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        settings["Nudges:FirstNudgeDelay"] = "00:00:08";
        DateTimeOffset asked;
        await using (var host = HostProcess.Start(settings))
        {
            await host.WaitReadyAsync();
            using (var redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{_garnetPort}"))
            {
                // Working hours around the clock, so "the right time" is the first-nudge delay whenever CI runs.
                var allWeek = new WorkingHours(Enum.GetValues<DayOfWeek>(), new TimeOnly(0, 0), new TimeOnly(23, 59));
                await new RedisPreferencesStore(redis, new Keys("fb")).SaveAsync(
                    new PersonRef(Platform.Slack, "T1", "UOWER"), PersonalPreferences.Default with { WorkingHours = allWeek }, default);
            }

            using var http = new HttpClient { BaseAddress = host.BaseAddress };
            var body = SlackRequestSigner.CommandBody("request <@UOWER> what should I change in my demo?", userId: "UASKER", responseUrl: slack.ResponseUrl());
            asked = DateTimeOffset.UtcNow;
            using var response = await http.SendAsync(SlackRequestSigner.Signed("slack/commands", body, EndToEndTests.Secret, asked));
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            await WaitForPostsToAsync(slack, "DUOWER", 1); // the ask itself
            host.KillHard();
        }

        await using var restarted = HostProcess.Start(settings);
        await restarted.WaitReadyAsync();

        var posts = await WaitForPostsToAsync(slack, "DUOWER", 2);
        var nudge = posts[1];
        // Planned 8 s after the ask; the sweep that runs it keeps times in milliseconds.
        Assert.True(nudge.At >= asked.AddSeconds(8), $"nudge at {nudge.At:O}, asked at {asked:O}");
        Assert.Contains("demo", nudge.Json);
        // Count after a known event, not after a pause: once Omar's stored check is re-planned past the next days,
        // nothing is left that could send a second nudge now.
        using (var redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{_garnetPort}"))
        {
            await WaitForNudgeChecksSettledAsync(redis, new PersonRef(Platform.Slack, "T1", "UOWER"));
        }

        Assert.Equal(2, slack.CallsTo("chat.postMessage").Count(c => c.Args["channel"]?.ToString() == "DUOWER"));
    }

    // Omar's nudge check lives in the workspace's stored schedule: taken by a sweep, its score moves a lease ahead
    // (Delivery:Lease, 2 minutes) while it runs, and the run re-plans it at the next nudge (a day or more away).
    private static async Task WaitForNudgeChecksSettledAsync(IConnectionMultiplexer redis, PersonRef person)
    {
        var key = new Keys("fb").Nudges(person.Workspace);
        var deadline = DateTime.UtcNow.AddSeconds(40);
        while (true)
        {
            var score = await redis.GetDatabase().SortedSetScoreAsync(key, person.Key);
            var next = score is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds((long)ms) : (DateTimeOffset?)null;
            if (next is null || next > DateTimeOffset.UtcNow.AddMinutes(10))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the nudge check did not settle: next at {next:O}");
            await Task.Delay(100);
        }
    }

    private static async Task<IReadOnlyList<RecordedCall>> WaitForPostsToAsync(FakeSlackApi slack, string channel, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(40);
        while (true)
        {
            var posts = slack.CallsTo("chat.postMessage").Where(c => c.Args["channel"]?.ToString() == channel).ToArray();
            if (posts.Length >= count)
            {
                return posts;
            }

            Assert.True(DateTime.UtcNow < deadline, $"expected {count} DM(s) to {channel}, saw {posts.Length}");
            await Task.Delay(100);
        }
    }
}
