using FeedbackBot.Core.People;
using StackExchange.Redis;

namespace FeedbackBot.Redis.Tests;

/// <summary>
/// The address book's workspace-wide collections (e.g. the Teams teams a bot is in) on embedded Garnet and
/// redis-server: one entry per member, each set and removed on its own, so writers of different members at the same
/// moment — two hosts, two installs — never lose one; collections are kept apart by workspace and kind.
/// </summary>
public abstract class AddressBookEntriesContract(IStorageServer server) : IDisposable
{
    private const string Kind = "teams.installed_team";
    private static readonly WorkspaceRef Tenant = new(Platform.Teams, "tenant-1");
    private readonly Keys _keys = new("t" + Guid.NewGuid().ToString("N")[..12]);
    private readonly ConnectionMultiplexer _secondHost = ConnectionMultiplexer.Connect(server.Connection.Configuration);

    public void Dispose() => _secondHost.Dispose();

    private RedisAddressBook Book(IConnectionMultiplexer? connection = null) => new(connection ?? server.Connection, _keys);

    [Fact]
    public async Task Entries_SetAtTheSameMomentByTwoHosts_AllStay()
    {
        var (first, second) = (Book(), Book(_secondHost));

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            (i % 2 == 0 ? first : second).SetEntryAsync(Tenant, Kind, $"19:team-{i}@thread.tacv2", $"{{\"n\":{i}}}", default)));

        var entries = await first.ListEntriesAsync(Tenant, Kind, default);
        Assert.Equal(40, entries.Count);
        Assert.Equal("{\"n\":7}", entries["19:team-7@thread.tacv2"]);
    }

    [Fact]
    public async Task Entries_ReplaceAndRemoveOneMember_TheOthersAndOtherCollectionsUntouched()
    {
        var book = Book();
        var otherTenant = new WorkspaceRef(Platform.Teams, "tenant-2");
        await book.SetEntryAsync(Tenant, Kind, "a", "1", default);
        await book.SetEntryAsync(Tenant, Kind, "b", "2", default);
        await book.SetEntryAsync(Tenant, "other-kind", "a", "x", default);
        await book.SetEntryAsync(otherTenant, Kind, "a", "y", default);
        await book.SetAsync(Tenant, Kind, "a workspace value of the same kind", default);

        await book.SetEntryAsync(Tenant, Kind, "a", "1b", default); // replaced, not added
        await book.RemoveEntryAsync(Tenant, Kind, "b", default);
        await book.RemoveEntryAsync(Tenant, Kind, "never-there", default);

        Assert.Equal(new Dictionary<string, string> { ["a"] = "1b" }, await book.ListEntriesAsync(Tenant, Kind, default));
        Assert.Equal("1b", await book.GetEntryAsync(Tenant, Kind, "a", default));
        Assert.Null(await book.GetEntryAsync(Tenant, Kind, "b", default));
        Assert.Equal("x", await book.GetEntryAsync(Tenant, "other-kind", "a", default));
        Assert.Equal("y", await book.GetEntryAsync(otherTenant, Kind, "a", default));
        Assert.Empty(await book.ListEntriesAsync(new WorkspaceRef(Platform.Teams, "tenant-3"), Kind, default));

        // The workspace's own value of that kind is a separate thing, and goes on its own.
        Assert.Equal("a workspace value of the same kind", await book.GetAsync(Tenant, Kind, default));
        await book.RemoveAsync(Tenant, Kind, default);
        Assert.Null(await book.GetAsync(Tenant, Kind, default));
        Assert.Equal("1b", await book.GetEntryAsync(Tenant, Kind, "a", default));
    }
}

public sealed class GarnetAddressBookEntriesTests(GarnetServerFixture server)
    : AddressBookEntriesContract(server), IClassFixture<GarnetServerFixture>;

public sealed class RedisServerAddressBookEntriesTests(RedisServerFixture server)
    : AddressBookEntriesContract(server), IClassFixture<RedisServerFixture>;
