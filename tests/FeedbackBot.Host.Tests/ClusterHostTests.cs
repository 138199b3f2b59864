using System.Net;
using System.Text.Json.Nodes;
using FeedbackBot.Testing;

namespace FeedbackBot.Host.Tests;

/// <summary>
/// Issue 12: the real host on a real three-master Redis Cluster, <c>Storage:Redis</c> set to the cluster's seed
/// list, against the strict fake Slack. A give (one transaction: item, indexes, outbox) reaches the recipient's DM
/// once; a request (one transaction: request, indexes, prompt, nudge check) reaches its recipient once; a Slack
/// event stored as Hangfire work before its 200 is run by Hangfire on the cluster. Readiness itself reads
/// Hangfire's storage, so a host that is ready has Hangfire working on the cluster.
/// </summary>
public sealed class ClusterHostTests : IAsyncLifetime
{
    private const string Giver = "UGIVER";
    private const string Recipient = "URECIP";
    private const string GiveText = "In Tuesday's demo you explained the rollback plan clearly, which calmed the client. Thank you!";
    private const string Question = "What should I change in my demo on the cluster";

    private readonly string _dir = Directory.CreateTempSubdirectory("fb-cluster-host-").FullName;
    private FakeSlackApi _slack = null!;
    private LocalRedis? _cluster;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        if (LocalRedis.MissingReason is null)
        {
            _cluster = await LocalRedis.StartClusterAsync();
        }
    }

    public async Task DisposeAsync()
    {
        await _slack.DisposeAsync();
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        Directory.Delete(_dir, recursive: true);
    }

    [RedisFact]
    public async Task GiveRequestAndEvent_OnRedisCluster_EachArrivesOnce()
    {
        var settings = EndToEndTests.SlackSettings(_slack, _dir);
        settings["Storage:Redis"] = _cluster!.ConnectionString;
        await using var host = HostProcess.Start(settings);
        await host.WaitReadyAsync();
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        await SendAsync(http, "slack/commands", SlackRequestSigner.CommandBody($"<@{Recipient}> {GiveText}", userId: Giver, responseUrl: _slack.ResponseUrl("give")));
        await SendAsync(http, "slack/commands", SlackRequestSigner.CommandBody($"request <@{Recipient}> {Question}", userId: Giver, responseUrl: _slack.ResponseUrl("ask")));
        await SendAsync(http, "slack/events", HomeOpened(Recipient).ToJsonString(), "application/json");

        await WaitForAsync(() => Dms(Recipient, GiveText) >= 1 && Dms(Recipient, Question) >= 1 && Dms(Giver, "Your feedback reached") >= 1
            && _slack.CallsTo("views.publish").Count >= 1, host);
        await Task.Delay(TimeSpan.FromSeconds(2)); // quiet: a duplicate from a retry would show now

        var why = "\nhost output:\n" + host.Output[^Math.Min(host.Output.Length, 3000)..];
        Assert.True(Dms(Recipient, GiveText) == 1, "the give arrives once" + why);
        Assert.True(Dms(Recipient, Question) == 1, "the request's prompt arrives once" + why);
        Assert.True(Dms(Giver, "Your feedback reached") == 1, "the giver is told once" + why);
        Assert.Single(_slack.CallsTo("views.publish"), c => c.Args["user_id"]?.ToString() == Recipient);
        Assert.DoesNotContain("CROSSSLOT", host.Output);
        Assert.DoesNotContain("Multi-key operations must involve a single slot", host.Output);
    }

    private int Dms(string user, string text) => _slack.DmMessages(user).Count(m => m.AllText.Contains(text, StringComparison.Ordinal));

    private static async Task SendAsync(HttpClient http, string path, string body, string contentType = "application/x-www-form-urlencoded")
    {
        using var response = await http.SendAsync(SlackRequestSigner.Signed(path, body, EndToEndTests.Secret, DateTimeOffset.UtcNow, contentType));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task WaitForAsync(Func<bool> condition, HostProcess host)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline,
                $"not everything arrived: calls {string.Join(", ", _slack.Calls.Select(c => c.Method))}\nhost output:\n{host.Output[^Math.Min(host.Output.Length, 3000)..]}");
            await Task.Delay(100);
        }
    }

    // https://docs.slack.dev/reference/events/app_home_opened (inside the Events API's event_callback envelope).
    private static JsonObject HomeOpened(string user) => new()
    {
        ["token"] = "x",
        ["team_id"] = "T1",
        ["api_app_id"] = "A1",
        ["type"] = "event_callback",
        ["event_id"] = "Ev" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant(),
        ["event_time"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["event"] = new JsonObject
        {
            ["type"] = "app_home_opened",
            ["user"] = user,
            ["channel"] = FakeSlackApi.DmChannel(user),
            ["tab"] = "home",
            ["event_ts"] = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000m).ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
    };
}
