using FeedbackBot.Core.Growth;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace FeedbackBot.Redis.Tests;

/// <summary>
/// The growth store's contract on every hosting (embedded Garnet, redis-server, Redis Cluster, where a transaction
/// or script over two slots is refused): a commitment, its index and its check-in entry move together; takes lease;
/// a person's erase and a workspace's stop-work leave nothing to check in on.
/// </summary>
public abstract class GrowthStoreContract(IStorageServer server)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);
    private readonly Keys _keys = new("t" + Guid.NewGuid().ToString("N")[..12]);
    private readonly FakeTimeProvider _time = new(T0);

    private RedisGrowthStore Store => new(server.Connection, _keys);

    private static PersonRef Person(string id, string ws = "T1") => new(Platform.Slack, ws, id);

    private Commitment New(PersonRef owner, string text, DateTimeOffset? checkInAt) =>
        new(Core.Ids.New(_time, owner.Workspace), owner, text, "theme1", "slack.T1.f1", T0, CheckInChoice.OneWeek, checkInAt);

    [StorageFact]
    public async Task Commitment_RoundTrips_AndTheScheduleFollowsItsCheckIn()
    {
        var me = Person("U1");
        var c = New(me, "delegate the weekly report", T0.AddDays(7));
        await Store.SaveCommitmentAsync(c, default);

        Assert.Equal(c with { RequestIds = null }, (await Store.GetCommitmentAsync(c.Id, default))! with { RequestIds = null });
        Assert.Equal([c.Id], (await Store.ListCommitmentsAsync(me, default)).Select(x => x.Id));
        Assert.Equal(T0.AddDays(7).ToUnixTimeMilliseconds(), await ScoreAsync(c));

        await Store.UpdateCommitmentAsync(c.Id, x => x with { CheckInAt = T0.AddDays(14), RequestIds = ["slack.T1.r1"] }, default);
        Assert.Equal(T0.AddDays(14).ToUnixTimeMilliseconds(), await ScoreAsync(c));
        Assert.Equal(["slack.T1.r1"], (await Store.GetCommitmentAsync(c.Id, default))!.Requests);

        await Store.UpdateCommitmentAsync(c.Id, x => x with { CheckInAt = null, Outcome = CommitmentOutcome.Done }, default);
        Assert.Null(await ScoreAsync(c));
        Assert.Equal(CommitmentOutcome.Done, (await Store.GetCommitmentAsync(c.Id, default))!.Outcome);
    }

    [StorageFact]
    public async Task TakeDueCheckIns_LeasesEachToOneTaker_AndGivesItBackAfterTheLease()
    {
        var due = new List<Commitment>();
        for (var i = 0; i < 20; i++)
        {
            var c = New(Person($"U{i}", i % 2 == 0 ? "T1" : "T2"), $"try {i}", T0.AddMinutes(-i));
            due.Add(c);
            await Store.SaveCommitmentAsync(c, default);
        }

        await Store.SaveCommitmentAsync(New(Person("U99"), "later", T0.AddDays(1)), default);
        var lease = TimeSpan.FromMinutes(5);

        // Two hosts at once.
        var takes = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Store.TakeDueCheckInsAsync(T0, lease, 100, default)));
        var taken = takes.SelectMany(t => t).ToArray();

        Assert.Equal(due.Select(c => c.Id).Order(), taken.Order());
        Assert.Empty(await Store.TakeDueCheckInsAsync(T0.AddMinutes(4), lease, 100, default));
        Assert.Equal(20, (await Store.TakeDueCheckInsAsync(T0 + lease, lease, 100, default)).Count);

        // A run that puts one back at its instant, and one whose commitment has gone.
        await Store.SetCheckInEntryAsync(due[0].Id, T0, default);
        await Store.SetCheckInEntryAsync(due[1].Id, null, default);
        Assert.Equal([due[0].Id], await Store.TakeDueCheckInsAsync(T0.AddMinutes(1), lease, 100, default));
    }

    [StorageFact]
    public async Task Themes_RoundTripOldestFirst()
    {
        var me = Person("U1");
        var a = new GrowthTheme(Core.Ids.New(_time), "Delegation", []);
        _time.Advance(TimeSpan.FromSeconds(1));
        var b = new GrowthTheme(Core.Ids.New(_time), "Speaking up", ["slack.T1.f1"]);
        await Store.SaveThemeAsync(me, b, default);
        await Store.SaveThemeAsync(me, a, default);
        await Store.SaveThemeAsync(me, a with { FeedbackIds = ["slack.T1.f2"] }, default);

        var themes = await Store.ListThemesAsync(me, default);

        Assert.Equal(["Delegation", "Speaking up"], themes.Select(t => t.Name));
        Assert.Equal(["slack.T1.f2"], themes[0].FeedbackIds);
        Assert.Empty(await Store.ListThemesAsync(Person("U2"), default));
    }

    [StorageFact]
    public async Task ErasePerson_RemovesTheirThemesCommitmentsAndCheckIns_AndNothingOfAnyoneElse()
    {
        var me = Person("U1");
        var other = Person("U2");
        var mine = New(me, "mine", T0);
        var theirs = New(other, "theirs", T0);
        await Store.SaveCommitmentAsync(mine, default);
        await Store.SaveCommitmentAsync(New(me, "mine, no check-in", null), default);
        await Store.SaveCommitmentAsync(theirs, default);
        await Store.SaveThemeAsync(me, new GrowthTheme("t1", "Delegation", []), default);
        await Store.SaveThemeAsync(other, new GrowthTheme("t2", "Planning", []), default);
        var before = await KeyCountAsync();

        var removed = await Store.EraseThemesAsync(me, default) + await Store.EraseCommitmentsAsync(me, default);

        Assert.Equal(5, removed); // themes hash, two commitments, the index, one schedule entry
        Assert.Equal(before - 4, await KeyCountAsync());
        Assert.Empty(await Store.ListCommitmentsAsync(me, default));
        Assert.Empty(await Store.ListThemesAsync(me, default));
        Assert.Equal([theirs.Id], await Store.TakeDueCheckInsAsync(T0, TimeSpan.FromMinutes(5), 100, default));
        Assert.Single(await Store.ListThemesAsync(other, default));
        Assert.Equal(0, await Store.EraseCommitmentsAsync(me, default)); // idempotent
    }

    [StorageFact]
    public async Task WorkspaceStopWork_DropsItsCheckIns_AndEraseDropsItsGrowthKeys()
    {
        var gone = Person("U1", "T1");
        var kept = Person("U1", "T10");
        await Store.SaveCommitmentAsync(New(gone, "gone", T0), default);
        await Store.SaveThemeAsync(gone, new GrowthTheme("t1", "Delegation", []), default);
        var keptCommitment = New(kept, "kept", T0);
        await Store.SaveCommitmentAsync(keptCommitment, default);
        var workspaceData = new RedisWorkspaceData(server.Connection, _keys);

        await workspaceData.StopWorkAsync(gone.Workspace, default);
        Assert.Equal([keptCommitment.Id], await Store.TakeDueCheckInsAsync(T0, TimeSpan.FromMinutes(5), 100, default));
        Assert.Single(await Store.ListCommitmentsAsync(gone, default)); // stop-work keeps the data

        await workspaceData.EraseAsync(gone.Workspace, default);
        Assert.Empty(await Store.ListCommitmentsAsync(gone, default));
        Assert.Empty(await Store.ListThemesAsync(gone, default));
        Assert.Single(await Store.ListCommitmentsAsync(kept, default));
    }

    private async Task<long?> ScoreAsync(Commitment c) =>
        await server.Connection.GetDatabase().SortedSetScoreAsync(_keys.CheckIns(c.Owner.Workspace), c.Id) is { } s ? (long)s : null;

    private async Task<int> KeyCountAsync()
    {
        var count = 0;
        foreach (var s in server.Connection.GetServers().Where(s => !s.IsReplica))
        {
            await foreach (var _ in s.KeysAsync(pattern: _keys.Prefix + ":*"))
            {
                count++;
            }
        }

        return count;
    }
}

public sealed class GarnetGrowthStoreTests(GarnetServerFixture server) : GrowthStoreContract(server), IClassFixture<GarnetServerFixture>;

public sealed class RedisServerGrowthStoreTests(RedisServerFixture server) : GrowthStoreContract(server), IClassFixture<RedisServerFixture>;

public sealed class ClusterGrowthStoreTests(RedisClusterFixture cluster)
    : GrowthStoreContract(cluster), IClassFixture<RedisClusterFixture>, INeedsRedisBinaries;
