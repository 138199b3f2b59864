using System.Net;
using System.Text.Json.Nodes;
using FeedbackBot.Testing;

namespace FeedbackBot.Host.Tests;

/// <summary>
/// Issue 9's last crash window, on the real host (embedded default): a give whose save outlives the ack budget is
/// answered "saving…"; the host is killed with kill -9 before the save, and restarted on the same data. The give
/// arrives at the recipient exactly once and the giver's response_url hears it was saved after the restart.
/// The save is held back by a slow users.info at the fake Slack (Core looks every recipient up before storing).
/// </summary>
public sealed class GiveJournalTests() : CrashTestBase("journal")
{
    private const string Text = "In Tuesday's demo you explained the rollback plan clearly, which calmed the client. Thank you!";

    [Fact]
    public async Task KillDashNine_AfterSavingAck_GiveIsReplayedAtRestartAndDeliveredOnce()
    {
        var journal = Path.Combine(DataDir, "give-journal");
        var host = HostProcess.Start(Settings());
        try
        {
            await host.WaitReadyAsync();
            using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            // Warm-up: on a loaded machine a cold host's first request can reach the dispatcher's own 2.5 s deadline
            // before the give's budget, and be answered "still working…" (ColdHost_… below); this test is about "Saving…".
            var warm = SlackRequestSigner.CommandBody($"<@URW> {Text}", userId: "UGJ", responseUrl: Slack.ResponseUrl("warm"));
            (await http.SendAsync(SlackRequestSigner.Signed("slack/commands", warm, EndToEndTests.Secret, DateTimeOffset.UtcNow))).Dispose();
            Slack.Delay("users.info", TimeSpan.FromSeconds(6)); // longer than the 2 s ack budget, shorter than a Web API call's timeout
            var body = SlackRequestSigner.CommandBody($"<@URJ> {Text}", userId: "UGJ", responseUrl: Slack.ResponseUrl("journal"));

            using var response = await http.SendAsync(SlackRequestSigner.Signed("slack/commands", body, EndToEndTests.Secret, DateTimeOffset.UtcNow));
            var ack = JsonNode.Parse(await response.Content.ReadAsStringAsync())?["text"]?.GetValue<string>() ?? "";
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(ack.Contains("Saving your feedback", StringComparison.Ordinal), $"ack: {ack}\n{host.Output}");
            // Journalled before the ack went out (the warm-up give may have a file of its own while it is slow).
            Assert.Contains(Directory.GetFiles(journal, "*.json"), f => File.ReadAllText(f).Contains("URJ", StringComparison.Ordinal));

            host.KillHard();
            var output = host.Output;
            Assert.Empty(Slack.MessagesIn(FakeSlackApi.DmChannel("URJ")));
            Slack.Delay("users.info", TimeSpan.Zero);
            var dead = host;
            host = HostProcess.Start(Settings()); // same data dir: a restart
            await dead.DisposeAsync();
            await host.WaitReadyAsync();
            var told = await WaitForAsync(() => Slack.CallsTo("response_url").Where(c => c.Path.EndsWith("/journal", StringComparison.Ordinal)).ToArray(),
                calls => calls.Length > 0);
            var delivered = await WaitForAsync(() => Slack.MessagesIn(FakeSlackApi.DmChannel("URJ")).Where(m => m.Blocks?.ToJsonString().Contains("rollback plan") == true
                || m.Text?.Contains("rollback plan") == true).ToArray(), messages => messages.Length > 0);
            await Task.Delay(TimeSpan.FromSeconds(3)); // quiet: a late duplicate would show now

            var why = $"ack: {ack}\n{output}{host.Output}";
            Assert.True(delivered.Length == 1, $"delivered {delivered.Length} times\n{why}");
            Assert.Single(Slack.MessagesIn(FakeSlackApi.DmChannel("URJ")));
            Assert.Contains("Saved after a restart", Assert.Single(told).Json);
            Assert.Empty(Directory.GetFiles(journal, "*.json"));
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    // Issue 9: a cold host's first give, slower than every budget, is answered honestly — the give's own "Saving…"
    // or, if the cold start ate the dispatcher's deadline too, "still working…" — never "try again"; the giver then
    // hears it is on its way, and it is delivered once. Counts, not times: on a loaded 2-core machine the time
    // outside the dispatcher (Kestrel, the client) can push the answer past 3 s (seen: 4.7 s at load 42), so the
    // latency is only reported.
    [Fact]
    public async Task ColdHost_FirstGiveSlowerThanTheBudgets_IsAnsweredHonestlyAndDeliveredOnce()
    {
        await using var host = HostProcess.Start(Settings());
        await host.WaitReadyAsync();
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        Slack.Delay("users.info", TimeSpan.FromSeconds(4)); // past both deadlines, within a Web API call's timeout
        var body = SlackRequestSigner.CommandBody($"<@URC> {Text}", userId: "UGC", responseUrl: Slack.ResponseUrl("cold"));

        var sent = DateTimeOffset.UtcNow;
        using var response = await http.SendAsync(SlackRequestSigner.Signed("slack/commands", body, EndToEndTests.Secret, sent));
        var answeredAfter = DateTimeOffset.UtcNow - sent;
        var ack = JsonNode.Parse(await response.Content.ReadAsStringAsync())?["text"]?.GetValue<string>() ?? "";
        var told = await WaitForAsync(() => Slack.CallsTo("response_url").Where(c => c.Path.EndsWith("/cold", StringComparison.Ordinal)).ToArray(),
            calls => calls.Any(c => c.Json.Contains("on its way", StringComparison.Ordinal)));
        var delivered = await WaitForAsync(() => Slack.MessagesIn(FakeSlackApi.DmChannel("URC")), messages => messages.Count > 0);
        await Task.Delay(TimeSpan.FromSeconds(3)); // quiet: a late duplicate would show now

        var why = $"ack after {answeredAfter.TotalSeconds:N2} s: {ack}\n{Tail(host.Output)}";
        Assert.True(ack.Contains("Saving your feedback", StringComparison.Ordinal) || ack.Contains("still working on that", StringComparison.Ordinal), why);
        Assert.DoesNotContain("try again", ack, StringComparison.OrdinalIgnoreCase);
        Assert.Single(told, c => c.Json.Contains("on its way", StringComparison.Ordinal));
        Assert.Single(Slack.MessagesIn(FakeSlackApi.DmChannel("URC")));
        Assert.Single(delivered);
    }

    // A bounded poll (30 s): returns the last value read, satisfied or not; the caller's asserts say what was missing.
    private static async Task<T> WaitForAsync<T>(Func<T> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var value = read();
        while (!done(value) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            value = read();
        }

        return value;
    }
}
