using FeedbackBot.Testing;
using FeedbackBot.Testing.Burst;
using Xunit.Abstractions;

namespace FeedbackBot.Host.Tests.Ops;

/// <summary>
/// Issue 12, abuse limits across host processes: with <c>Limits:FeedbackPerHour</c> = 3, one person's gives go
/// through two real host processes on one real redis-server (A, B, A); the fourth, through B, gets the friendly
/// "you can send again" answer and stores nothing (its recipient never gets a DM). The window lives in Redis, so
/// neither host's own count matters.
/// </summary>
public sealed class LimitsAcrossHostsTests(ITestOutputHelper log) : CrashTestBase("limits")
{
    [RedisFact]
    public async Task FourthGiveInAnHour_ThroughTheOtherHost_IsRefusedAndStoresNothing()
    {
        await using var redis = await LocalRedis.StartServerAsync();
        await using var a = HostProcess.Start(HostSettings(redis, "a"));
        await using var b = HostProcess.Start(HostSettings(redis, "b"));
        await Task.WhenAll(a.WaitReadyAsync(TimeSpan.FromSeconds(120)), b.WaitReadyAsync(TimeSpan.FromSeconds(120)));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var ledger = new GiveLedger(Slack, EndToEndTests.Secret, givers: 1); // one giver for every give

        var gives = Enumerable.Range(0, 4).Select(_ => ledger.NextGive()).ToArray();
        foreach (var (give, host) in gives.Zip(new[] { a, b, a, b }))
        {
            await ledger.SendAsync(http, host.BaseAddress, give);
        }

        // The first three arrive; the fourth's giver is told when they can send again (in the ack or its follow-up).
        await ledger.WaitForDeliveriesAsync(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(3));
        var fourth = gives[3];
        var answers = () => string.Join("\n", ledger.Acks.Where(x => x.Give.Id == fourth.Id).Select(x => x.Body)
            .Concat(Slack.CallsTo("response_url").Where(c => c.Path.EndsWith("/" + fourth.Id, StringComparison.Ordinal)).Select(c => c.Json)));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!answers().Contains("You can send again", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        log.WriteLine(ledger.Summarize("4 gives by one person over two hosts, limit 3 per hour").ToTable());
        var why = $"\nfourth: {answers()}\nhost A:\n{Tail(a.Output)}\nhost B:\n{Tail(b.Output)}";
        Assert.True(answers().Contains("You can send again", StringComparison.Ordinal), "the fourth give is refused with when to send again" + why);
        Assert.All(gives[..3], g => Assert.True(Slack.DmMessages(g.Recipient).Count == 1, $"{g.Id} delivered once" + why));
        Assert.Empty(Slack.DmMessages(fourth.Recipient));
    }

    private Dictionary<string, string> HostSettings(LocalRedis redis, string name)
    {
        var settings = Settings();
        settings["Storage:Redis"] = redis.ConnectionString;
        settings["Storage:DataDirectory"] = Path.Combine(DataDir, name);
        settings["Slack:BotToken"] = $"xoxb-host-{name}";
        settings["Limits:FeedbackPerHour"] = "3";
        return settings;
    }

    private static string Tail(string output) => output[^Math.Min(output.Length, 2000)..];
}
