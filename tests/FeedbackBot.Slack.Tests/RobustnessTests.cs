using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using FeedbackBot.Slack.Give;
using FeedbackBot.Testing;
using Xunit.Abstractions;

namespace FeedbackBot.Slack.Tests;

public sealed class RobustnessTests
{
    public static TheoryData<string, string, string> Malformed => new()
    {
        { "/slack/commands", "%%%&&&===", "application/x-www-form-urlencoded" },
        { "/slack/commands", "team_id=T1&user_id=U1", "application/x-www-form-urlencoded" },
        { "/slack/commands", "", "application/x-www-form-urlencoded" },
        { "/slack/interactivity", "nopayload=1", "application/x-www-form-urlencoded" },
        { "/slack/interactivity", "payload=%7Bnot+json", "application/x-www-form-urlencoded" },
        { "/slack/interactivity", "payload=%5B1%2C2%5D", "application/x-www-form-urlencoded" },
        { "/slack/interactivity", "payload=%7B%22type%22%3A%22block_actions%22%7D", "application/x-www-form-urlencoded" },
        { "/slack/interactivity", "payload=%7B%22type%22%3A%22nonsense%22%2C%22user%22%3A%7B%22id%22%3A%22U1%22%7D%2C%22team%22%3A%7B%22id%22%3A%22T1%22%7D%7D", "application/x-www-form-urlencoded" },
        { "/slack/interactivity", "payload=%7B%22type%22%3A%22shortcut%22%2C%22callback_id%22%3A%22nope%22%2C%22user%22%3A%7B%22id%22%3A%22U1%22%7D%2C%22team%22%3A%7B%22id%22%3A%22T1%22%7D%7D", "application/x-www-form-urlencoded" },
        { "/slack/events", "{not json", "application/json" },
        { "/slack/events", "{\"type\":\"event_callback\"}", "application/json" },
        { "/slack/events", "[]", "application/json" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task MalformedBody_Returns400NeverServerError(string path, string body, string contentType)
    {
        await using var host = await SlackTestHost.StartAsync();

        var response = await host.PostRawAsync(path, body, contentType);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await host.IdleAsync();
        Assert.Empty(host.Feedback.All);
        Assert.Empty(host.Slack.Calls);
    }

    [Fact]
    public async Task UnknownActionId_AcksWithoutWork()
    {
        await using var host = await SlackTestHost.StartAsync();
        var response = await host.PostInteractionAsync(Payloads.BlockAction("no_such_action", "x"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await host.IdleAsync();
        Assert.Empty(host.Slack.Calls);
    }

    [Fact]
    public async Task ForgedDraftValue_AnswersKindlyAndStoresNothing()
    {
        await using var host = await SlackTestHost.StartAsync();
        var response = await host.PostInteractionAsync(Payloads.BlockAction(QuickSendAction.ActionId, "forged!!", responseUrl: host.Slack.ResponseUrl()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await host.IdleAsync();
        Assert.Empty(host.Feedback.All);
        Assert.Single(host.Slack.CallsTo("response_url"));
    }
}

/// <summary>Timing tests run alone: on a 2-core machine, parallel test classes would measure each other.</summary>
[CollectionDefinition(nameof(TimingCollection), DisableParallelization = true)]
public sealed class TimingCollection;

[Collection(nameof(TimingCollection))]
public sealed class AckLatencyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task SlowSlack_DoesNotDelayAcknowledgements()
    {
        await using var host = await SlackTestHost.StartAsync();
        host.Slack.DefaultDelay = TimeSpan.FromSeconds(5);
        var timings = new List<(string What, TimeSpan Took, HttpStatusCode Status)>();

        async Task Time(string what, Func<Task<HttpResponseMessage>> send)
        {
            var watch = Stopwatch.StartNew();
            var response = await send();
            timings.Add((what, watch.Elapsed, response.StatusCode));
        }

        await Time("warm-up help", () => host.PostCommandAsync("help"));
        await Time("open modal", () => host.PostCommandAsync(""));
        await Time("open modal again", () => host.PostCommandAsync(""));
        await Time("quick give (users.info slow)", () => host.PostCommandAsync("<@U2> thanks for the review on Monday, which saved us a day"));
        await Time("modal submit (users.info slow)", () => host.PostInteractionAsync(Payloads.ViewSubmission(Payloads.GiveView(["U3"], "clear notes in the demo, which helped"))));
        await Time("live coach", () => host.PostInteractionAsync(Payloads.BlockAction("give_part:text", view: Payloads.GiveView(["U2"], "x"))));
        await Time("live coach again", () => host.PostInteractionAsync(Payloads.BlockAction("give_part:text", view: Payloads.GiveView(["U2"], "xy"))));
        await Time("app home", () => host.PostEventAsync(new JsonObject
        {
            ["team_id"] = SlackTestHost.Team, ["type"] = "event_callback", ["event_id"] = "EvSlow",
            ["event"] = new JsonObject { ["type"] = "app_home_opened", ["user"] = "U2", ["tab"] = "home" },
        }));

        foreach (var (what, took, status) in timings)
        {
            Assert.True(status == HttpStatusCode.OK, $"{what}: {status}");
            // The contract is Slack's: an answer within 3 s, while every Slack call here takes 5 s. The adapter's
            // 1 s ack budget leaves room for a loaded CI machine; how fast it really is lives in bench/ and the notes.
            Assert.True(took < TimeSpan.FromSeconds(3), $"{what} took {took.TotalMilliseconds:F0} ms");
        }

        // The slow give still completes after the ack: both gives are stored once users.info answers.
        await host.IdleAsync();
        Assert.Equal(2, host.Feedback.All.Count);
        Assert.Contains(host.Slack.CallsTo("response_url"), c => c.Json.Contains("on its way"));
        output.WriteLine(string.Join("; ", timings.Select(t => $"{t.What}: {t.Took.TotalMilliseconds:F0} ms")));
    }
}
