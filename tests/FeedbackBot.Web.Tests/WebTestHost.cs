using System.Text.RegularExpressions;
using FeedbackBot.Core;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Redis;
using FeedbackBot.Slack;
using FeedbackBot.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace FeedbackBot.Web.Tests;

/// <summary>
/// A real host on 127.0.0.1 (<see cref="InMemoryBot"/>'s shared set-up: Kestrel, the Slack adapter behind its
/// signature check, Core, in-memory stores, the loopback fake Slack Web API where the bot's DMs — the sign-in links —
/// arrive) plus the web UI, with a real <c>redis-server</c> for links and sessions. With <c>insights</c>, team
/// insights are the real ones (Core's recorder and query, the Redis counts on that server, Slack's user groups
/// from the fake). Time is a <see cref="FakeTimeProvider"/>.
/// </summary>
public sealed partial class WebTestHost : IAsyncDisposable
{
    public const string Secret = "web-test-secret";
    public const string Team = "T1";

    private WebApplication _app = null!;
    private LocalRedis _redis = null!;
    private ConnectionMultiplexer _mux = null!;
    private InMemoryBot _bot = null!;

    public FakeSlackApi Slack { get; private set; } = null!;
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
    public InMemoryFeedbackStore Feedback => _bot.Feedback;
    public InMemoryRequestStore Requests => _bot.Requests;
    public Uri BaseAddress { get; private set; } = null!;
    public IServiceProvider Services => _app.Services;

    public static PersonRef Person(string user) => new(Platform.Slack, Team, user);

    public static async Task<WebTestHost> StartAsync(IGrowthReader? growth = null, bool insights = false)
    {
        var host = new WebTestHost();
        host._bot = new InMemoryBot(host.Time);
        host.Slack = await FakeSlackApi.StartAsync();
        host._redis = await LocalRedis.StartServerAsync();
        host._mux = await ConnectionMultiplexer.ConnectAsync(host._redis.ConnectionString);

        var builder = InMemoryBot.CreateBuilder(host.Slack, Secret);
        var services = host._bot.AddTo(builder.Services);
        services.AddSingleton<IConnectionMultiplexer>(host._mux);
        services.AddSingleton(new Keys("web" + Guid.NewGuid().ToString("N")[..8]));
        services.AddSingleton<IOneTimeLinkStore, RedisOneTimeLinkStore>(); // sign-in links, as storage registers them
        services.AddTransient<OneTimeLinks>();
        services.AddSingleton<Core.Growth.IGrowthStore>(new InMemoryGrowthStore());
        if (growth is not null) services.AddSingleton(growth);
        services.AddFeedbackCore();
        builder.AddSlack();
        if (insights)
        {
            builder.AddFeedbackInsights();
        }

        builder.AddFeedbackWeb();

        host._app = builder.Build();
        host._app.MapSlack();
        host._app.MapFeedbackWeb();
        host.BaseAddress = await InMemoryBot.StartAsync(host._app);
        return host;
    }

    /// <summary>Names a Slack user at the fake (users.info), so pages show names.</summary>
    public void SetUser(string user, string name) => Slack.SetUser(user, name: name);

    /// <summary>Stores received feedback for <paramref name="to"/>.</summary>
    public async Task<FeedbackItem> GiveAsync(string from, string to, string text, FeedbackKind kind = FeedbackKind.Praise, bool anonymous = false, TimeSpan? ago = null, string? requestId = null)
    {
        var item = new FeedbackItem(Ids.New(Time, new WorkspaceRef(Platform.Slack, Team)), Person(from), Person(to), FeedbackContent.FromText(text), kind,
            FeedbackVisibility.Private, anonymous, null, requestId, Time.GetUtcNow() - (ago ?? TimeSpan.Zero), DeliveryStatus.Delivered);
        await Feedback.SaveAsync(item, CancellationToken.None);
        return item;
    }

    /// <summary>Types <c>/feedback {text}</c> as <paramref name="user"/>, in a request signed like Slack's.</summary>
    public async Task CommandAsync(string user, string text, string responseUrl = "")
    {
        using var http = new HttpClient { BaseAddress = BaseAddress };
        using var response = await http.SendAsync(SlackRequestSigner.Signed("/slack/commands",
            SlackRequestSigner.CommandBody(text, user, Team, responseUrl: Slack.ResponseUrl(responseUrl)), Secret, Time.GetUtcNow()));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// Types <c>/feedback web</c> as <paramref name="user"/> and returns the link the bot sent by DM, read from the
    /// fake Slack.
    /// </summary>
    public async Task<Uri> SignInLinkAsync(string user)
    {
        var before = Slack.DmMessages(user).Count;
        await CommandAsync(user, "web");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Slack.DmMessages(user).Count <= before)
        {
            Assert.True(DateTime.UtcNow < deadline, "no DM with a sign-in link arrived");
            await Task.Delay(20);
        }

        var text = Slack.DmMessages(user)[^1].AllText;
        return new Uri(LinkInMrkdwn().Match(text) is { Success: true } m ? m.Groups[1].Value.Replace("&amp;", "&") : throw new Xunit.Sdk.XunitException("no link in " + text));
    }

    /// <summary>Six people of <see cref="SeedTeamsAsync"/>; the first is a workspace admin at the fake Slack.</summary>
    public static readonly string[] TeamPeople = ["U11", "U12", "U13", "U14", "U15", "U16"];

    /// <summary>
    /// Two Slack user groups at the fake (<c>usergroups.list</c> / <c>usergroups.users.list</c>): <c>@squad</c>
    /// (S3, the first three of <see cref="TeamPeople"/>) and <c>@growth</c> (S6, all six); each of the six gives
    /// once, to the next, through Core's give use case, so the real insights recorder counts it.
    /// </summary>
    public async Task SeedTeamsAsync()
    {
        foreach (var id in TeamPeople)
        {
            SetUser(id, "Person " + id);
        }

        Slack.SetAdmin(TeamPeople[0]);
        Slack.AddUserGroup("S3", "squad", TeamPeople[..3], name: "Small squad");
        Slack.AddUserGroup("S6", "growth", TeamPeople, name: "Growth team");
        await using var scope = Services.CreateAsyncScope();
        var give = scope.ServiceProvider.GetRequiredService<GiveFeedback>();
        for (var i = 0; i < TeamPeople.Length; i++)
        {
            var result = await give.GiveAsync(new GiveFeedbackCommand(Person(TeamPeople[i]), [Person(TeamPeople[(i + 1) % TeamPeople.Length])],
                FeedbackContent.FromText("Your rollback plan in Tuesday's demo calmed the client, which saved the deal."), FeedbackKind.Praise), CancellationToken.None);
            Assert.True(result.Succeeded, string.Join("; ", result.Problems.Select(p => p.Message)));
        }
    }

    [GeneratedRegex(@"<(https?://[^|>]+)\|")]
    private static partial Regex LinkInMrkdwn();

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _mux?.Dispose();
        if (_redis is not null) await _redis.DisposeAsync();
        if (Slack is not null) await Slack.DisposeAsync();
    }
}
