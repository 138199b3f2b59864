using FeedbackBot.Core.Coaching;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Insights;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Requests;
using FeedbackBot.Redis.Insights;
using FeedbackBot.Redis.PersonalData;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FeedbackBot.Redis.Tests.Insights;

/// <summary>
/// The growth page's figures on every hosting (embedded Garnet, redis-server, Redis Cluster, where a transaction
/// over two slots is refused): counted in the same step as the give or the answer, counted once from everything
/// stored for people who have none, paged by cursor without repeats or gaps, exported and erased with the person.
/// </summary>
public abstract class GrowthFiguresContract(IStorageServer server)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
    private readonly Keys _keys = new("t" + Guid.NewGuid().ToString("N")[..12]);
    private readonly FakeTimeProvider _time = new(T0);
    private readonly WorkspaceRef _ws = new(Platform.Slack, "T" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant());

    private RedisFeedbackStore Feedback => new(server.Connection, _keys);

    private RedisRequestStore Requests => new(server.Connection, _keys, _time, Options.Create(new DeliveryOptions()));

    private RedisGrowthFigures Figures => new(server.Connection, _keys, Feedback, Requests, new FeedbackCoach(_time));

    private PersonRef Person(string id) => new(Platform.Slack, _ws.WorkspaceId, id);

    private static readonly CoachVerdicts SpecificOnly = new(Verdict.Met, Verdict.Missing, Verdict.NotApplicable, Verdict.Met, Verdict.Met);

    private FeedbackItem Item(PersonRef from, PersonRef to, DateTimeOffset at, bool anonymous = false, CoachVerdicts? coach = null, string text = "thanks") =>
        new(Core.Ids.New(_time, to.Workspace), from, to, FeedbackContent.FromText(text), FeedbackKind.Praise, FeedbackVisibility.Private,
            anonymous, null, null, at, Coach: coach);

    [StorageFact]
    public async Task Give_CountsReceivedGivenAndTheStoredVerdict_InTheSameStep()
    {
        var (ada, bea, cy) = (Person("UADA"), Person("UBEA"), Person("UCY"));
        await Figures.GetAsync(ada, default); // built (empty) first: from here on only the saves count
        await Figures.GetAsync(bea, default);
        await Feedback.SaveAsync([Item(ada, bea, T0, coach: SpecificOnly), Item(ada, cy, T0, coach: SpecificOnly)], T0, default);
        await Feedback.SaveAsync([Item(cy, bea, T0.AddMonths(-1), anonymous: true)], T0, default);

        var given = (await Figures.GetAsync(ada, default)).Months["2026-11"];
        Assert.Equal(2, given.Given);
        Assert.Equal(2, given.Judged[CoachCriteria.Why]);
        Assert.Equal(0, given.Met.GetValueOrDefault(CoachCriteria.Why));
        Assert.Equal(2, given.Met[CoachCriteria.Specific]);
        Assert.False(given.Judged.ContainsKey(CoachCriteria.Actionable)); // not applicable counts neither way
        var received = await Figures.GetAsync(bea, default);
        Assert.Equal(1, received.Months["2026-11"].Received);
        Assert.Equal(1, received.Months["2026-10"].Received);
        Assert.Equal([ada], received.NamedGivers.Keys); // the anonymous giver is not counted by name
    }

    [StorageFact]
    public async Task Give_IsOneCountOfItsVerdicts_AddedToFiguresStoredOneFieldPerCriterion()
    {
        var (ada, bea) = (Person("UADA"), Person("UBEA"));
        var key = RedisGrowthFigures.Key(_keys, ada);
        // As figures were written before verdict codes: one field per measure and criterion.
        await server.Connection.GetDatabase().HashSetAsync(key,
        [
            new("built", 1), new("2026-11|g", 2), new($"2026-11|j:{CoachCriteria.Why}", 2), new($"2026-11|m:{CoachCriteria.Why}", 1),
            new($"2026-11|j:{CoachCriteria.Specific}", 1), new($"2026-11|m:{CoachCriteria.Specific}", 1),
        ]);

        await Feedback.SaveAsync([Item(ada, bea, T0, coach: SpecificOnly)], T0, default);
        await Feedback.SaveAsync([Item(ada, bea, T0, coach: SpecificOnly), Item(ada, Person("UCY"), T0)], T0, default);

        var fields = await server.Connection.GetDatabase().HashGetAllAsync(key);
        Assert.Equal(2, fields.Single(f => f.Name == "2026-11|v:mxnmm").Value); // one field for all five criteria
        Assert.Equal(1, fields.Single(f => f.Name == "2026-11|v:nnnnn").Value); // no stored verdict: given, judged on nothing
        var m = (await Figures.GetAsync(ada, default)).Months["2026-11"];
        Assert.Equal(5, m.Given);
        Assert.Equal((2 + 2, 1), (m.Judged[CoachCriteria.Why], m.Met[CoachCriteria.Why]));
        Assert.Equal((1 + 2, 1 + 2), (m.Judged[CoachCriteria.Specific], m.Met[CoachCriteria.Specific]));
        Assert.Equal((2, 2), (m.Judged[CoachCriteria.Kind], m.Met[CoachCriteria.Timely]));
        Assert.False(m.Judged.ContainsKey(CoachCriteria.Actionable));
    }

    [StorageFact]
    public async Task Answer_RecordsTheRequestersTimeToFeedback_Once()
    {
        var (ada, bea) = (Person("UADA"), Person("UBEA"));
        await Figures.GetAsync(ada, default);
        var request = new FeedbackRequest(Core.Ids.New(_time, _ws), ada, "How was my demo?", null, T0, T0.AddDays(3), [new RequestRecipient(bea)]);
        await Requests.SaveAsync(request, default);
        RequestRecipient Answered(RequestRecipient r) => r with { Status = RecipientStatus.Answered, AnsweredAt = T0.AddHours(5) };
        await Requests.UpdateAsync(request.Id, r => r.WithRecipient(bea, Answered), default);
        await Requests.UpdateAsync(request.Id, r => r with { SummarySent = true }, default); // no new answer: nothing added

        var sample = Assert.Single((await Figures.GetAsync(ada, default)).Months["2026-11"].AnswerSeconds);
        Assert.Equal(5 * 3600, sample.Value);
    }

    [StorageFact]
    public async Task PeopleWithoutFigures_AreCountedOnceFromWhatIsStored_ThenKeptUpToDate()
    {
        var (ada, bea) = (Person("UADA"), Person("UBEA"));
        var old = new[]
        {
            Item(bea, ada, T0.AddMonths(-2)),
            // Saved before verdicts were stored: reviewed once by the backfill.
            Item(ada, bea, T0.AddMonths(-1), text: "In Tuesday's demo you walked the client through the rollback plan, which calmed them down."),
        };
        await Feedback.SaveAsync(old, T0, default);
        var db = server.Connection.GetDatabase();
        await db.KeyDeleteAsync([RedisGrowthFigures.Key(_keys, ada), RedisGrowthFigures.Key(_keys, bea)]); // as before figures were kept

        var first = await Figures.GetAsync(ada, default);
        Assert.Equal(1, first.Months["2026-09"].Received);
        Assert.Equal(1, first.Months["2026-10"].Given);
        Assert.Equal(1, first.Months["2026-10"].Met[CoachCriteria.Specific]);

        await Feedback.SaveAsync([Item(bea, ada, T0)], T0, default);
        await db.KeyDeleteAsync(_keys.Feedback(old[0].Id)); // proof that what follows is read from the figures, not recounted
        var later = await Figures.GetAsync(ada, default);
        Assert.Equal(1, later.Months["2026-09"].Received);
        Assert.Equal(1, later.Months["2026-11"].Received);
        Assert.Equal(2, later.TotalReceived);
    }

    [StorageFact]
    public async Task ListReceived_PagesByCursor_WithoutRepeatsOrGaps_AlsoWithinOneMillisecond()
    {
        var (ada, bea) = (Person("UADA"), Person("UBEA"));
        var items = Enumerable.Range(0, 13).Select(i => Item(bea, ada, T0.AddMinutes(-(i / 4)))).ToArray(); // four per timestamp
        await Feedback.SaveAsync(items, T0, default);

        var seen = new List<string>();
        FeedbackCursor? cursor = null;
        for (var pages = 0; pages < 10; pages++)
        {
            var page = await Figures.ListReceivedAsync(ada, cursor, null, 5, default);
            seen.AddRange(page.Select(i => i.Id));
            if (page.Count < 5) break;
            cursor = FeedbackCursor.Of(page[^1]);
        }

        var expected = items.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id, StringComparer.Ordinal).Select(i => i.Id);
        Assert.Equal(expected, seen);
        Assert.Equal(4, (await Figures.ListReceivedAsync(ada, null, T0.AddSeconds(-1), 10, default)).Count); // since
    }

    [StorageFact]
    public async Task Figures_AreExported_AndErased_WithThePerson_AndAnErasedGiverIsNoLongerNamed()
    {
        var (ada, bea) = (Person("UADA"), Person("UBEA"));
        await Figures.GetAsync(ada, default); // kept from here on: what follows is read from the hash, not recounted
        await Feedback.SaveAsync([Item(bea, ada, T0)], T0, default);
        await Feedback.SaveAsync([Item(ada, bea, T0, coach: SpecificOnly)], T0, default);
        var part = new FiguresPart(server.Connection, _keys);

        var export = (await part.ExportAsync(ada, default))!.ToJsonString();
        Assert.Contains("\"2026-11\":{\"received\":1,\"given\":1", export);
        Assert.Contains(bea.Key, export);

        await new GivenFeedbackPart(server.Connection, _keys).EraseAsync(bea, default);
        Assert.Empty((await Figures.GetAsync(ada, default)).NamedGivers);

        Assert.Equal(1, await part.EraseAsync(ada, default));
        Assert.Null(await part.ExportAsync(ada, default));
    }
}

public sealed class GarnetGrowthFiguresTests(GarnetServerFixture server) : GrowthFiguresContract(server), IClassFixture<GarnetServerFixture>;

public sealed class RedisServerGrowthFiguresTests(RedisServerFixture server) : GrowthFiguresContract(server), IClassFixture<RedisServerFixture>;

public sealed class ClusterGrowthFiguresTests(RedisClusterFixture cluster)
    : GrowthFiguresContract(cluster), IClassFixture<RedisClusterFixture>, INeedsRedisBinaries;
