using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Preferences;
using FeedbackBot.Core.Requests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace FeedbackBot.Redis.Tests;

/// <summary>
/// Installations encrypted at rest and a workspace's data as a whole (uninstall, admin deletion), on every
/// hosting. Two workspaces whose ids share a prefix (T1, T10) make a too-wide key pattern show.
/// </summary>
public abstract class WorkspaceDataContract(IStorageServer server, ITestOutputHelper output)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly WorkspaceRef Gone = new(Platform.Slack, "T1");
    private static readonly WorkspaceRef Kept = new(Platform.Slack, "T10");
    private readonly Keys _keys = new("t" + Guid.NewGuid().ToString("N")[..12]);
    private readonly FakeTimeProvider _time = new(T0);

    // One "host": its own DI container, Data Protection with the key ring in the shared server.
    private ServiceProvider Host()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(server.Connection);
        services.AddSingleton(_keys);
        services.AddFeedbackInstallations();
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task Installation_EncryptedAtRest_AndReadableByAnotherHost()
    {
        const string secret = "{\"bot_token\":\"xoxb-1234-5678-secret-token\"}";
        await using (var hostA = Host())
        {
            await hostA.GetRequiredService<IInstallationStore>().SetAsync(Gone, secret, default);
        }

        var raw = await AllValuesAsync();
        Assert.NotEmpty(raw);
        Assert.All(raw, entry => Assert.DoesNotContain("xoxb-", entry.Value));
        Assert.Contains(raw.Keys, k => k.EndsWith(":dataprotection:keys", StringComparison.Ordinal)); // the shared key ring

        await using var hostB = Host();
        var store = hostB.GetRequiredService<IInstallationStore>();
        Assert.Equal(secret, await store.GetAsync(Gone, default));
        Assert.Null(await store.GetAsync(Kept, default));
        Assert.True(await store.RemoveAsync(Gone, default));
        Assert.Null(await store.GetAsync(Gone, default));
    }

    [Fact]
    public async Task Erase_RemovesExactlyThatWorkspacesKeys()
    {
        await using var host = Host();
        await PopulateAsync(host, Gone);
        await PopulateAsync(host, Kept);
        var before = await AllValuesAsync();

        var removed = await host.GetRequiredService<IWorkspaceData>().EraseAsync(Gone, default);

        var after = await AllValuesAsync();
        var goneKeys = before.Keys.Where(k => k.Contains("{slack:T1}") || k.Contains("slack.T1.") || k.Contains(":event:T1:")).ToHashSet();
        Assert.True(goneKeys.Count >= 12, $"only {goneKeys.Count} keys of T1 were populated");
        // Exactly T1's own keys are gone; every other key is still there.
        Assert.Equal(before.Keys.Except(goneKeys).Order(), after.Keys.Order());
        // T10's own keys are untouched, value for value.
        Assert.All(after.Where(e => e.Key.Contains("{slack:T10}")), e => Assert.Equal(before[e.Key], e.Value));
        // Shared keys lose T1's entries only.
        Assert.DoesNotContain("slack:T1:", after[_keys.Reminders.ToString()]);
        Assert.Contains("slack:T10:U1", after[_keys.Reminders.ToString()]);
        Assert.Equal("slack:T10", after[_keys.OutboxWorkspaces.ToString()]);
        Assert.Equal(goneKeys.Count + 2, removed); // + the reminder and the sweep-set entry
        output.WriteLine($"{server.Name}: {before.Count} keys before, {after.Count} after; {removed} keys or entries of T1 removed, T10's {after.Count(e => e.Key.Contains("{slack:T10}"))} kept");
    }

    [Fact]
    public async Task StopWork_DropsQueuedWorkAndKeepsTheData()
    {
        await using var host = Host();
        await PopulateAsync(host, Gone);
        await PopulateAsync(host, Kept);
        var before = await AllValuesAsync();

        await host.GetRequiredService<IWorkspaceData>().StopWorkAsync(Gone, default);

        var after = await AllValuesAsync();
        var tag = $"{_keys.Prefix}:{{slack:T1}}";
        string[] work = [$"{tag}:outbox", $"{tag}:requests:outbox", $"{tag}:nudges", $"{tag}:nudges:ver", $"{tag}:pace"];
        Assert.All(work.Where(k => k != $"{tag}:nudges:ver"), k => Assert.Contains(k, before.Keys)); // they existed
        Assert.Equal(before.Keys.Except(work).Append($"{tag}:stopped").Order(), after.Keys.Order()); // + the doctor's marker
        Assert.Contains(after.Keys, k => k.StartsWith($"{tag}:feedback:", StringComparison.Ordinal));
        Assert.Contains(after.Keys, k => k.StartsWith($"{tag}:request:", StringComparison.Ordinal));
        Assert.DoesNotContain("slack:T1:", after[_keys.Reminders.ToString()]);
        Assert.Equal("slack:T10", after[_keys.OutboxWorkspaces.ToString()]);
    }

    [Fact]
    public async Task Doctor_DoesNotQueueWorkOfAnUninstalledWorkspace_UntilItIsInstalledAgain()
    {
        await using var host = Host();
        await PopulateAsync(host, Gone);
        await PopulateAsync(host, Kept);
        await host.GetRequiredService<IWorkspaceData>().StopWorkAsync(Gone, default);
        var doctor = new StorageDoctor(server.Connection, _keys, _time, Microsoft.Extensions.Logging.Abstractions.NullLogger<StorageDoctor>.Instance);
        var db = server.Connection.GetDatabase();

        var report = await doctor.RunAsync(repair: true, default);

        Assert.True(report.Clean, string.Join("; ", report.Findings));
        Assert.Equal(0, report.Problems);
        Assert.Contains(report.Findings, f => f.Contains("slack:T1 is uninstalled", StringComparison.Ordinal));
        Assert.False(await db.KeyExistsAsync(_keys.Outbox(Gone)));
        Assert.False(await db.KeyExistsAsync(_keys.RequestOutbox(Gone)));
        Assert.False(await db.KeyExistsAsync(_keys.Nudges(Gone)));

        // Installed again: the doctor puts its pending work back.
        await host.GetRequiredService<IInstallationStore>().SetAsync(Gone, "{\"bot_token\":\"xoxb-y\"}", default);
        var again = await doctor.RunAsync(repair: true, default);
        Assert.Equal((3, 3), (again.Problems, again.Repaired)); // the feedback delivery, the prompt, the nudge check
        Assert.True(await db.KeyExistsAsync(_keys.Outbox(Gone)));
    }

    // A bit of everything a workspace stores: feedback (item, indexes, outbox), a request (hash, indexes, prompt
    // outbox, nudge checks), preferences, a digest reminder, an address, send pacing, its installation and
    // once-claims naming its ids and its Slack events.
    private async Task PopulateAsync(ServiceProvider host, WorkspaceRef ws)
    {
        var redis = server.Connection;
        PersonRef P(string user) => new(ws.Platform, ws.WorkspaceId, user);
        var feedbackId = Core.Ids.New(_time, ws);
        await new RedisFeedbackStore(redis, _keys).SaveAsync(
            [new FeedbackItem(feedbackId, P("U1"), P("U2"), new FeedbackContent(FeedbackTemplate.Free, new Dictionary<string, string> { [TemplateParts.Text] = "Thanks for the demo" }),
                FeedbackKind.Praise, FeedbackVisibility.Private, false, null, null, T0)], T0.AddMinutes(1), default);
        var requests = new RedisRequestStore(redis, _keys, _time, Options.Create(new DeliveryOptions()));
        await requests.SaveAsync(new FeedbackRequest(Core.Ids.New(_time, ws), P("U1"), "How was my demo?", null, T0, T0.AddDays(3),
            [new(P("U3"), Prompt: new SendState())]), T0.AddSeconds(30), new Dictionary<PersonRef, DateTimeOffset> { [P("U3")] = T0.AddDays(1) }, default);
        await new RedisPreferencesStore(redis, _keys).SaveAsync(P("U1"), PersonalPreferences.Default, default);
        await new RedisReminderSchedule(redis, _keys).SetNextAsync(P("U1"), T0.AddDays(7), default);
        await new RedisAddressBook(redis, _keys).SetAsync(P("U2"), "slack.dm_channel", "DU2", default);
        await new RedisSendPacer(redis, _keys).NextSlotAsync(ws, T0, TimeSpan.FromSeconds(1), default);
        await host.GetRequiredService<IInstallationStore>().SetAsync(ws, "{\"bot_token\":\"xoxb-x\"}", default);
        var once = new RedisOnceStore(redis, _keys);
        await once.TryClaimAsync($"deliver:{feedbackId}", TimeSpan.FromHours(1), default);
        await once.TryClaimAsync($"slack:event:{ws.WorkspaceId}:Ev1", TimeSpan.FromHours(1), default);
    }

    private Task<Dictionary<string, string>> AllValuesAsync() => KeyDump.AllValuesAsync(server.Connection, _keys.Prefix);
}

public sealed class GarnetWorkspaceDataTests(GarnetServerFixture server, ITestOutputHelper output)
    : WorkspaceDataContract(server, output), IClassFixture<GarnetServerFixture>;

public sealed class RedisServerWorkspaceDataTests(RedisServerFixture server, ITestOutputHelper output)
    : WorkspaceDataContract(server, output), IClassFixture<RedisServerFixture>;
