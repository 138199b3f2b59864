using System.Net;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Ports;
using FeedbackBot.Slack.Api;
using FeedbackBot.Slack.Give;
using FeedbackBot.Slack.Inbound;
using FeedbackBot.Testing;
using Moq;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Slack.Tests;

/// <summary>
/// Issue 10 #7: a <c>response_url</c> is used at most 5 times within 30 minutes of its interaction
/// (https://api.slack.com/interactivity/handling#message_responses); later confirmations go by DM.
/// </summary>
public sealed class ResponseUrlBudgetTests
{
    private static readonly Core.People.PersonRef U1 = SlackIds.Person(SlackTestHost.Team, "U1");

    private static Task FollowUpAsync(ResponseUrlClient client, string url, string text) =>
        client.PostAsync(url, U1, GiveText.EphemeralMessage(text), CancellationToken.None);

    [Fact]
    public async Task FakeSlack_SixthUseOrAfterThirtyMinutes_Answers404AndPostsNothing()
    {
        await using var host = await SlackTestHost.StartAsync();
        host.Slack.Clock = host.Time;
        using var http = new HttpClient();
        var url = host.Slack.ResponseUrl("budget");
        var late = host.Slack.ResponseUrl("late");

        var answers = new List<(HttpStatusCode, string)>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await http.PostAsync(url, new StringContent("{\"text\":\"hi\"}"));
            answers.Add((response.StatusCode, await response.Content.ReadAsStringAsync()));
        }

        host.Time.Advance(TimeSpan.FromMinutes(31));
        using var expired = await http.PostAsync(late, new StringContent("{\"text\":\"hi\"}"));

        Assert.Equal(Enumerable.Repeat((HttpStatusCode.OK, "ok"), 5).Append((HttpStatusCode.NotFound, "used_url")), answers);
        Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);
        Assert.Equal("expired_url", await expired.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SixFollowUps_FiveByResponseUrl_TheSixthByDm()
    {
        await using var host = await SlackTestHost.StartAsync();
        var responses = host.Services.GetRequiredService<ResponseUrlClient>();
        var url = host.Slack.ResponseUrl("six");

        for (var i = 1; i <= 6; i++)
        {
            await FollowUpAsync(responses, url, $"Follow-up {i}");
        }

        Assert.Equal(5, host.Slack.CallsTo("response_url").Count);
        Assert.Equal(["Follow-up 6"], host.Slack.DmTexts("U1"));
    }

    [Fact]
    public async Task UsesAreCountedAcrossHosts()
    {
        await using var host = await SlackTestHost.StartAsync();
        // Two hosts of the bot share the once-store (Redis in production); each has its own client.
        var shared = new InMemoryOnceStore(host.Time);
        var url = host.Slack.ResponseUrl("shared");
        ResponseUrlClient Client() => ActivatorUtilities.CreateInstance<ResponseUrlClient>(host.Services, new HttpClient(), (IOnceStore)shared);
        var (first, second) = (Client(), Client());

        for (var i = 1; i <= 3; i++)
        {
            await FollowUpAsync(first, url, $"A{i}");
            await FollowUpAsync(second, url, $"B{i}");
        }

        Assert.Equal(5, host.Slack.CallsTo("response_url").Count);
        Assert.Equal(["B3"], host.Slack.DmTexts("U1"));
    }

    [Fact]
    public async Task FirstFollowUp_ClaimsItsUseInOneRoundTrip()
    {
        await using var host = await SlackTestHost.StartAsync();
        // A store that answers nothing until three claims are waiting: asked one at a time, the follow-up would hang.
        var pending = new System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource<bool>>();
        var once = new Mock<IOnceStore>();
        once.Setup(o => o.TryClaimAsync(It.IsAny<string>(), It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>()))
            .Returns((string key, TimeSpan _, CancellationToken _) =>
                pending.GetOrAdd(key, _ => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously)).Task);
        var responses = ActivatorUtilities.CreateInstance<ResponseUrlClient>(host.Services, new HttpClient(), once.Object);

        var followUp = FollowUpAsync(responses, host.Slack.ResponseUrl("first"), "Saved");
        for (var i = 0; i < 100 && pending.Count < 3; i++)
        {
            await Task.Delay(20);
        }

        Assert.Equal(["alive", "seen", "use:1"], pending.Keys.Select(k => string.Join(':', k.Split(':').Skip(3))).Order(StringComparer.Ordinal));
        foreach (var claim in pending.Values)
        {
            claim.SetResult(true);
        }

        await followUp.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Single(host.Slack.CallsTo("response_url"));
        Assert.Equal(3, pending.Count);
    }

    [Fact]
    public async Task FollowUp_ThirtyMinutesAfterFirstUse_GoesByDm()
    {
        await using var host = await SlackTestHost.StartAsync();
        host.Slack.Clock = host.Time;
        var responses = host.Services.GetRequiredService<ResponseUrlClient>();
        var url = host.Slack.ResponseUrl("old");

        await FollowUpAsync(responses, url, "Right away");
        host.Time.Advance(TimeSpan.FromMinutes(30));
        await FollowUpAsync(responses, url, "Much later");
        await FollowUpAsync(responses, url, "Later still");

        Assert.Single(host.Slack.CallsTo("response_url"));
        Assert.Equal(["Much later", "Later still"], host.Slack.DmTexts("U1"));
    }

    [Fact]
    public async Task SlackRefusesTheUrl_TheMessageGoesByDm_ADeleteIsDropped()
    {
        await using var host = await SlackTestHost.StartAsync();
        host.Slack.Clock = host.Time;
        var responses = host.Services.GetRequiredService<ResponseUrlClient>();
        var url = host.Slack.ResponseUrl("issued-long-ago");
        // Issued 40 minutes ago, never used by the bot: only Slack knows it has expired.
        host.Time.Advance(TimeSpan.FromMinutes(40));

        await responses.PostAsync(url, U1, new JsonObject { ["delete_original"] = true }, CancellationToken.None);
        await FollowUpAsync(responses, url, "Your feedback is on its way");

        Assert.Equal(2, host.Slack.CallsTo("response_url").Count);
        Assert.Equal(["Your feedback is on its way"], host.Slack.DmTexts("U1"));
    }

    [Fact]
    public async Task StorageCannotCountTheUses_TheFollowUpIsPostedAnyway()
    {
        // Issue 9: under a storage stall the person told "I'm still working on that… I'll answer here" must hear back;
        // the use count only keeps the bot inside Slack's budget.
        await using var host = await SlackTestHost.StartAsync();
        var stalled = new Mock<IOnceStore>();
        stalled.Setup(s => s.TryClaimAsync(It.IsAny<string>(), It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new TimeoutException("storage stalled"));
        var responses = ActivatorUtilities.CreateInstance<ResponseUrlClient>(host.Services, new HttpClient(), stalled.Object);

        await FollowUpAsync(responses, host.Slack.ResponseUrl("stalled"), "Your feedback is on its way");

        Assert.Contains("Your feedback is on its way", Assert.Single(host.Slack.CallsTo("response_url")).Body);
        Assert.Empty(host.Slack.DmTexts("U1"));
    }

    [Fact]
    public async Task ResponseUrlUnreachable_TheMessageGoesByDm()
    {
        await using var host = await SlackTestHost.StartAsync();
        var unreachable = new HttpClient(new FailingHandler());
        var responses = ActivatorUtilities.CreateInstance<ResponseUrlClient>(host.Services, unreachable);

        await FollowUpAsync(responses, host.Slack.ResponseUrl("dropped"), "Your feedback is on its way");

        Assert.Equal(["Your feedback is on its way"], host.Slack.DmTexts("U1"));
    }

    private sealed class FailingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new HttpRequestException("connection reset");
    }
}
