using System.Text.RegularExpressions;
using FeedbackBot.Core;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Slack;
using FeedbackBot.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace FeedbackBot.Web.Tests;

/// <summary>
/// A real host on 127.0.0.1 (Kestrel, port 0): the Slack adapter behind its signature check, the web UI, Core,
/// in-memory feedback and request stores, a real <c>redis-server</c> for links and sessions, and the loopback fake
/// Slack Web API where the bot's DMs (the sign-in links) arrive. Time is a <see cref="FakeTimeProvider"/>.
/// </summary>
public sealed partial class WebTestHost : IAsyncDisposable
{
    public const string Secret = "web-test-secret";
    public const string Team = "T1";

    private WebApplication _app = null!;
    private LocalRedis _redis = null!;
    private ConnectionMultiplexer _mux = null!;

    public FakeSlackApi Slack { get; private set; } = null!;
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
    public InMemoryFeedbackStore Feedback { get; } = new();
    public InMemoryRequestStore Requests { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;
    public IServiceProvider Services => _app.Services;

    public static PersonRef Person(string user) => new(Platform.Slack, Team, user);

    public static async Task<WebTestHost> StartAsync(IInsightsQuery? insights = null, IGrowthReader? growth = null, Action<WebTestHost>? seed = null)
    {
        var host = new WebTestHost();
        host.Requests = new InMemoryRequestStore(host.Time);
        host.Slack = await FakeSlackApi.StartAsync();
        host._redis = await LocalRedis.StartServerAsync();
        host._mux = await ConnectionMultiplexer.ConnectAsync(host._redis.ConnectionString);

        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = Secret,
            ["Slack:BotToken"] = "xoxb-test",
            ["Slack:ApiBaseUrl"] = host.Slack.ApiBaseUrl,
            ["Slack:ResponseUrlBase"] = host.Slack.ResponseUrl(""),
        });
        var services = builder.Services;
        services.AddSingleton<TimeProvider>(host.Time);
        services.AddSingleton<IConnectionMultiplexer>(host._mux);
        services.AddSingleton(new Redis.Keys("fb"));
        services.AddSingleton<IOneTimeLinkStore, Redis.RedisOneTimeLinkStore>(); // sign-in links, as storage registers them
        services.AddTransient<OneTimeLinks>();
        services.AddSingleton<IFeedbackStore>(host.Feedback);
        services.AddSingleton<IRequestStore>(host.Requests);
        services.AddSingleton<IPreferencesStore>(new InMemoryPreferencesStore());
        services.AddSingleton<IOnceStore>(new InMemoryOnceStore(host.Time));
        var jobs = new RecordingJobScheduler();
        services.AddSingleton<IJobScheduler>(jobs);
        services.AddSingleton<IDeliveryDispatcher>(jobs);
        services.AddSingleton<IReminderSchedule>(new InMemoryReminderSchedule());
        services.AddSingleton<Core.Growth.IGrowthStore>(new InMemoryGrowthStore());
        if (insights is not null) services.AddSingleton(insights);
        if (growth is not null) services.AddSingleton(growth);
        services.AddFeedbackCore();
        builder.AddSlack();
        builder.AddFeedbackWeb();

        host._app = builder.Build();
        host._app.MapSlack();
        host._app.MapFeedbackWeb();
        await host._app.StartAsync();
        var address = host._app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        host.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        seed?.Invoke(host);
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

    /// <summary>
    /// Types <c>/feedback web</c> as <paramref name="user"/> (a request signed like Slack's) and returns the link the
    /// bot sent by DM, read from the fake Slack.
    /// </summary>
    public async Task<Uri> SignInLinkAsync(string user)
    {
        var before = Slack.DmMessages(user).Count;
        using var http = new HttpClient { BaseAddress = BaseAddress };
        using var response = await http.SendAsync(SlackRequestSigner.Signed("/slack/commands",
            SlackRequestSigner.CommandBody("web", user, Team, responseUrl: Slack.ResponseUrl()), Secret, Time.GetUtcNow()));
        response.EnsureSuccessStatusCode();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Slack.DmMessages(user).Count <= before)
        {
            Assert.True(DateTime.UtcNow < deadline, "no DM with a sign-in link arrived");
            await Task.Delay(20);
        }

        var text = Slack.DmMessages(user)[^1].AllText;
        return new Uri(LinkInMrkdwn().Match(text) is { Success: true } m ? m.Groups[1].Value.Replace("&amp;", "&") : throw new Xunit.Sdk.XunitException("no link in " + text));
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
