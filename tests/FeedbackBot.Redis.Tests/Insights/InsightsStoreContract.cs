using FeedbackBot.Core.Coaching;
using FeedbackBot.Core.Insights;
using FeedbackBot.Core.People;
using FeedbackBot.Redis.Insights;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace FeedbackBot.Redis.Tests.Insights;

/// <summary>
/// The insights counts on each real backend (embedded Garnet, the default, and redis-server): adding up, samples
/// kept once, the week's TTL, the workspace's slot, a person's export and erase (HSCAN MATCH).
/// </summary>
public abstract class InsightsStoreContract(IStorageServer server)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private readonly string _prefix = "t" + Guid.NewGuid().ToString("N")[..8];
    private readonly WorkspaceRef _ws = new(Platform.Slack, "T" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant());

    [Fact]
    public async Task Add_CountsAddUp_SamplesAreSet_AndTheWeekExpires()
    {
        var store = Store();
        var ada = Person("UADA");
        await store.AddAsync([new(ada, Now, InsightsMeasures.Given, 2), new(ada, Now, InsightsMeasures.TimeToFeedback, 60, "slack.T1.r1")], default);
        await store.AddAsync([new(ada, Now.AddHours(1), InsightsMeasures.Given), new(ada, Now, InsightsMeasures.TimeToFeedback, 90, "slack.T1.r1")], default);

        var entries = await store.ReadWeekAsync(_ws, InsightsWeek.Of(Now), default);

        Assert.Equal(3, entries.Single(e => e.Measure == InsightsMeasures.Given).Value);
        var sample = Assert.Single(entries, e => e.Measure == InsightsMeasures.TimeToFeedback);
        Assert.Equal((90, "slack.T1.r1"), (sample.Value, sample.Sample));
        var key = store.WeekKey(_ws, InsightsWeek.Of(Now));
        Assert.Contains("{" + _ws + "}", key.ToString()); // the workspace's hash tag: its slot, and its delete-workspace-data SCAN
        var ttl = await server.Connection.GetDatabase().KeyTimeToLiveAsync(key);
        Assert.InRange(ttl!.Value, TimeSpan.FromDays(399), TimeSpan.FromDays(400));
        Assert.Empty(await store.ReadWeekAsync(_ws, InsightsWeek.Of(Now.AddDays(-7)), default));
    }

    [Fact]
    public async Task CoachVerdicts_AreOneCountPerGive_ReadBackPerCriterion_AddedToCountsStoredPerCriterion()
    {
        var store = Store();
        var ada = Person("UADA");
        var verdicts = new CoachVerdicts(Verdict.Met, Verdict.Missing, Verdict.NotApplicable, Verdict.Met, Verdict.Missing);
        var key = store.WeekKey(_ws, InsightsWeek.Of(Now));
        // As counted before one field held all verdicts: one field per criterion and outcome.
        await server.Connection.GetDatabase().HashSetAsync(key, [new($"UADA|{InsightsMeasures.CoachApplies(CoachCriteria.Why)}", 3), new($"UADA|{InsightsMeasures.CoachMet(CoachCriteria.Why)}", 1)]);

        await store.AddAsync([new(ada, Now, InsightsMeasures.Coach(verdicts)!), new(ada, Now, InsightsMeasures.Given), new(ada, Now, InsightsMeasures.Given)], default);
        await store.AddAsync([new(ada, Now, InsightsMeasures.Coach(verdicts)!)], default);

        var stored = await server.Connection.GetDatabase().HashGetAllAsync(key);
        Assert.Equal(["UADA|coach.why.applies", "UADA|coach.why.met", "UADA|coach:mxnmx", "UADA|given"], stored.Select(f => f.Name.ToString()).Order(StringComparer.Ordinal));
        var counts = (await store.ReadWeekAsync(_ws, InsightsWeek.Of(Now), default))
            .GroupBy(e => e.Measure).ToDictionary(g => g.Key, g => g.Sum(e => e.Value));
        Assert.Equal(2, counts[InsightsMeasures.Given]);
        Assert.Equal((2, 2), (counts[InsightsMeasures.CoachApplies(CoachCriteria.Specific)], counts[InsightsMeasures.CoachMet(CoachCriteria.Specific)]));
        Assert.Equal((3 + 2, 1), (counts[InsightsMeasures.CoachApplies(CoachCriteria.Why)], counts[InsightsMeasures.CoachMet(CoachCriteria.Why)]));
        Assert.False(counts.ContainsKey(InsightsMeasures.CoachApplies(CoachCriteria.Actionable)));
        Assert.False(counts.ContainsKey(InsightsMeasures.CoachMet(CoachCriteria.Timely)));
        var export = (await store.ExportAsync(ada, default))![InsightsWeek.Of(Now)]!;
        Assert.Equal(5, export[InsightsMeasures.CoachApplies(CoachCriteria.Why)]!.GetValue<long>());
        Assert.Null(InsightsMeasures.Coach(new CoachVerdicts(Verdict.NotApplicable, Verdict.NotApplicable, Verdict.NotApplicable, Verdict.NotApplicable, Verdict.NotApplicable)));
    }

    [Fact]
    public async Task ExportAndErase_OnlyThatPersonsFields()
    {
        var store = Store();
        var (ada, bea) = (Person("UADA"), Person("UBEA"));
        await store.AddAsync(
        [
            new(ada, Now, InsightsMeasures.Given, 2), new(ada, Now.AddDays(-14), InsightsMeasures.Asked),
            new(bea, Now, InsightsMeasures.Received, 2), new(Person("UADA2"), Now, InsightsMeasures.Given),
        ], default);

        var export = (await store.ExportAsync(ada, default))!.AsObject();
        Assert.Equal(2, export.Count);
        Assert.Equal(2, export[InsightsWeek.Of(Now)]!["given"]!.GetValue<long>());

        Assert.Equal(2, await store.EraseAsync(ada, default));
        Assert.Null(await store.ExportAsync(ada, default));
        var left = await store.ReadWeekAsync(_ws, InsightsWeek.Of(Now), default);
        Assert.Equal(["UADA2", "UBEA"], left.Select(e => e.UserId).Order());
        Assert.Equal(0, await store.EraseAsync(ada, default));
    }

    private PersonRef Person(string id) => new(Platform.Slack, _ws.WorkspaceId, id);

    private RedisInsightsStore Store() =>
        new(server.Connection, new Keys(_prefix), Options.Create(new InsightsOptions()), new FakeTimeProvider(Now));
}

public sealed class GarnetInsightsStoreTests(GarnetServerFixture server) : InsightsStoreContract(server), IClassFixture<GarnetServerFixture>;

public sealed class RedisServerInsightsStoreTests(RedisServerFixture server) : InsightsStoreContract(server), IClassFixture<RedisServerFixture>;
