using System.Text.Json;
using FeedbackBot.Core;
using FeedbackBot.Core.Insights;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Redis;
using FeedbackBot.Slack;
using FeedbackBot.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace FeedbackBot.Host.Tests.Insights;

/// <summary>
/// Issue 14, insights end to end: the real host process on a real redis-server records gives that arrive as signed
/// Slack commands; a query composed exactly as the host composes it (<c>AddSlack</c> + <c>AddFeedbackInsights</c>)
/// reads them back against the strict fake Slack's user groups. A 3-person group's cells are suppressed, a
/// 6-person group's are shown, and the report carries no feedback text and no user id.
/// </summary>
public sealed class InsightsHostTests : IAsyncLifetime
{
    private const string GiveText = "Your rollback plan in Tuesday's demo calmed the client, which saved the deal & the quarter.";

    private static readonly string[] People = ["UINS01", "UINS02", "UINS03", "UINS04", "UINS05", "UINS06"];
    private static readonly WorkspaceRef Ws = new(Platform.Slack, "T1");

    private readonly string _dir = Directory.CreateTempSubdirectory("fb-insights-").FullName;
    private FakeSlackApi _slack = null!;
    private LocalRedis _redis = null!;

    public async Task InitializeAsync()
    {
        if (LocalRedis.MissingReason is { } missing)
        {
            throw new InvalidOperationException(missing + "; run the test command from README.");
        }

        _redis = await LocalRedis.StartServerAsync();
        _slack = await FakeSlackApi.StartAsync();
        foreach (var id in People)
        {
            _slack.SetUser(id, name: id.ToLowerInvariant());
        }

        _slack.SetAdmin(People[0]);
        _slack.AddUserGroup("S3", "trio", People[..3], name: "Trio");
        _slack.AddUserGroup("S6", "six", People, name: "All six");
    }

    public async Task DisposeAsync()
    {
        await _slack.DisposeAsync();
        await _redis.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task GivesThroughSlack_ThreePersonGroupSuppressed_SixPersonGroupShown_NoTextNoIds()
    {
        var settings = EndToEndTests.SlackSettings(_slack, _dir);
        settings["Storage:Redis"] = _redis.ConnectionString;
        await using var host = HostProcess.Start(settings);
        await host.WaitReadyAsync();
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        // Everyone gives once, to the next person: six givers, six recipients.
        for (var i = 0; i < People.Length; i++)
        {
            var to = People[(i + 1) % People.Length];
            await WholeFlowTests.SendAsync(http, "slack/commands", SlackRequestSigner.CommandBody(
                $"<@{to}|{to.ToLowerInvariant()}> {FakeSlackApi.Escape(GiveText)}", userId: People[i], responseUrl: _slack.ResponseUrl("g" + i)));
        }

        await using var services = Compose(settings);
        var insights = services.GetRequiredService<IInsightsQuery>();
        // A give is counted right after it is saved; an ack that ran out of its budget may still be finishing.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!Series(await insights.GetAsync(Ws, null, default), "Feedback given per week").Any(p => p.Value == 6) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.True(await insights.IsAdminAsync(new PersonRef(Platform.Slack, "T1", People[0]), default));
        Assert.False(await insights.IsAdminAsync(new PersonRef(Platform.Slack, "T1", People[1]), default));
        var teams = await insights.ListTeamsAsync(Ws, default);
        Assert.Equal(["usergroup:S6", "usergroup:S3"], teams.Select(t => t.Id));

        var six = await insights.GetAsync(Ws, "usergroup:S6", default);
        var trio = await insights.GetAsync(Ws, "usergroup:S3", default);
        var whole = await insights.GetAsync(Ws, null, default);

        Assert.Equal((6, 5), (six.People, six.MinGroupSize));
        Assert.Contains(Series(six, "Feedback given per week"), p => p is { Suppressed: false, Value: 6 });
        Assert.Contains(Series(six, "Feedback received per week"), p => p is { Suppressed: false, Value: 6 });
        Assert.Contains(Series(six, "People who gave or received feedback"), p => p is { Suppressed: false, Value: 100 });
        Assert.Contains(Series(whole, "Feedback given per week"), p => p is { Suppressed: false, Value: 6 });
        Assert.Equal(3, trio.People);
        Assert.All(trio.Series.SelectMany(s => s.Points), p => Assert.True(p is { Suppressed: true, Value: null }, $"{p.Label} shown for a team of 3"));

        var json = JsonSerializer.Serialize(new[] { six, trio, whole });
        Assert.DoesNotContain("rollback", json);
        Assert.DoesNotContain("demo", json);
        Assert.DoesNotContain("UINS", json);
        Assert.DoesNotContain("slack.T1", json);
    }

    private static IReadOnlyList<InsightsPoint> Series(InsightsReport report, string title) =>
        report.Series.Single(s => s.Title == title).Points;

    // The query as WebHost composes it: the Slack adapter's registrations (SlackTeams among them) and AddFeedbackInsights.
    private static ServiceProvider Compose(IReadOnlyDictionary<string, string> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings!).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(settings["Storage:Redis"]));
        services.AddSingleton(new Keys("fb"));
        services.AddFeedbackCore();
        services.AddSlack(configuration);
        services.AddFeedbackInsights();
        return services.BuildServiceProvider();
    }
}
