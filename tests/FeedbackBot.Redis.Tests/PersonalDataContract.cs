using System.Text.Json.Nodes;
using FeedbackBot.Core;
using FeedbackBot.Core.DataRights;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Limits;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Preferences;
using FeedbackBot.Core.Ratings;
using FeedbackBot.Core.Requests;
using FeedbackBot.Redis.PersonalData;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace FeedbackBot.Redis.Tests;

/// <summary>
/// Delete-my-data and export on a real server (issue 13): Ada (UA) has every kind of data there is — feedback
/// received (named and anonymous) and given, requests made and asked of her (one answered), preferences, a digest
/// plan, a nudge check, limits, an address, a digest once-claim, ratings, value tags. Bo (UB) exchanges with her and
/// Eve (UE) sent her anonymous feedback; Cy (UC) and Di (UD) have the same kinds of data between themselves only.
/// A giver's sent index loses feedback whose recipient deleted it (that feedback is gone), so Bo's and Eve's change.
/// </summary>
public abstract class PersonalDataContract(IStorageServer server, ITestOutputHelper output)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly PersonRef Ada = new(Platform.Slack, "T1", "UA");
    private static readonly PersonRef Bo = new(Platform.Slack, "T1", "UB");
    private static readonly PersonRef Cy = new(Platform.Slack, "T1", "UC");
    private static readonly PersonRef Di = new(Platform.Slack, "T1", "UD");
    private static readonly PersonRef Eve = new(Platform.Slack, "T1", "UE");
    private readonly Keys _keys = new("t" + Guid.NewGuid().ToString("N")[..12]);
    private readonly FakeTimeProvider _time = new(T0);

    private ServiceProvider Host()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton(server.Connection);
        services.AddSingleton(_keys);
        services.AddSingleton<IFeedbackStore, RedisFeedbackStore>();
        services.AddSingleton<IRequestStore, RedisRequestStore>();
        services.AddSingleton<IPreferencesStore, RedisPreferencesStore>();
        services.AddFeedbackPersonalData();
        services.AddFeedbackCore();
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task DeleteMyData_RemovesTheirData_AnonymisesWhatTheyGave_AndTouchesNobodyElse()
    {
        await using var host = Host();
        var ada = await PopulateAsync(host, Ada, Bo);
        var cy = await PopulateAsync(host, Cy, Di);
        var before = await AllValuesAsync();
        var adasKeys = before.Keys.Where(k => k.EndsWith(":UA", StringComparison.Ordinal) || k.Contains("slack:T1:UA")).ToArray();
        Assert.True(adasKeys.Length >= 9, $"only {adasKeys.Length} of Ada's own keys: {string.Join(", ", adasKeys)}");

        var report = await host.GetRequiredService<DeletePersonalData>().RunAsync(Ada, default);

        var after = await AllValuesAsync();
        output.WriteLine($"{server.Name}: {before.Count} keys before, {after.Count} after; Ada's own keys {adasKeys.Length} → "
            + $"{after.Keys.Count(k => k.EndsWith(":UA", StringComparison.Ordinal) || k.Contains("slack:T1:UA"))}; report: "
            + string.Join(", ", report.Parts.Select(p => $"{p.Key} {p.Value}")));

        // Nothing anywhere names Ada any more: no key, no value (her items, requests, schedules, claims).
        Assert.DoesNotContain(after, e => e.Key.Contains("UA") || e.Value.Contains("UA"));
        // What she received is gone, with her ratings and value tags.
        Assert.All(ada.Received, id => Assert.DoesNotContain(after.Keys, k => k.EndsWith(":feedback:" + id, StringComparison.Ordinal)));
        // What she gave is still in Bo's inbox, anonymous.
        var store = host.GetRequiredService<IFeedbackStore>();
        var inBo = await store.ListReceivedAsync(Bo, 10, default);
        var gift = Assert.Single(inBo, i => i.Id == ada.Given);
        Assert.True(gift.Anonymous);
        Assert.True(ErasedPerson.Is(gift.Giver));
        Assert.Equal("Your retro notes were clear", gift.Content.PlainText);
        // The request Bo made of her keeps its tally, without her.
        var asked = await host.GetRequiredService<IRequestStore>().GetAsync(ada.AskedOfHer, default);
        Assert.NotNull(asked);
        Assert.DoesNotContain(asked.Recipients, r => r.Person == Ada);
        Assert.True(asked.Recipients.Single(r => ErasedPerson.Is(r.Person)).AnsweredAnonymously);
        // Cy's and Di's keys are untouched, value for value.
        var others = before.Where(e => cy.Keys.Any(e.Key.Contains) || e.Key.EndsWith(":UC", StringComparison.Ordinal) || e.Key.EndsWith(":UD", StringComparison.Ordinal)).ToArray();
        Assert.True(others.Length >= 10, $"only {others.Length} of Cy's and Di's keys");
        Assert.All(others, e => Assert.Equal(e.Value, after.GetValueOrDefault(e.Key)));
        // Shared keys keep everyone else's entries.
        Assert.Contains("slack:T1:UC", after[_keys.Reminders.ToString()]);
        Assert.Contains("slack:T1:UC", after[_keys.Nudges(Cy.Workspace).ToString()]);

        // Idempotent: a second run finds nothing and changes nothing.
        var again = await host.GetRequiredService<DeletePersonalData>().RunAsync(Ada, default);
        Assert.Equal(0, again.Total);
        Assert.Equal(after, await AllValuesAsync());
    }

    [Fact]
    public async Task Export_RoundTrips_EverythingTheyOwn_NothingOfOthers_AnonymousStaysAnonymous()
    {
        await using var host = Host();
        var ada = await PopulateAsync(host, Ada, Bo);
        var cy = await PopulateAsync(host, Cy, Di);

        var export = await host.GetRequiredService<ExportPersonalData>().BuildAsync(Ada, default);
        var text = export.ToJsonString();
        var back = JsonNode.Parse(text)!.AsObject();

        Assert.True(JsonNode.DeepEquals(export, back));
        var parts = back["parts"]!.AsObject();
        Assert.Equal(ada.Received.Order(), parts["received"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).Order());
        Assert.Equal([ada.Given], parts["given"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
        Assert.Equal([ada.Asked], parts["requests"]!["asked"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
        Assert.Equal([ada.AskedOfHer], parts["requests"]!["askedOf"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
        Assert.Equal(ada.Received.Order(), parts["ratings"]!.AsArray().Select(r => r!["feedbackId"]!.GetValue<string>()).Order());
        Assert.Equal("Ownership", parts["values"]![0]!["values"]![0]!.GetValue<string>());
        Assert.Equal("tuesday", parts["preferences"]!["weeklyReminder"]!["day"]!.GetValue<string>());
        Assert.NotNull(parts["schedules"]!["weeklyDigestAt"]);
        // The stored texts, as stored.
        var named = parts["received"]!.AsArray().Single(i => i!["from"] is not null)!;
        Assert.Equal(Bo.Key, named["from"]!.GetValue<string>());
        Assert.Equal("Great demo, the <script> part too", named["parts"]!["text"]!.GetValue<string>());
        // The anonymous giver (Eve) appears nowhere; nothing of Cy's and Di's own exchange either.
        var anonymous = parts["received"]!.AsArray().Single(i => i!["from"] is null)!;
        Assert.Equal("Speak up earlier in planning", anonymous["parts"]!["text"]!.GetValue<string>());
        Assert.DoesNotContain("UE", text);
        Assert.DoesNotContain("UD", text);
        Assert.DoesNotContain("UC", text);
        Assert.All(cy.Keys, id => Assert.DoesNotContain(id, text));

        var markdown = ExportMarkdown.Render(export);
        Assert.Contains("## received", markdown);
        Assert.Contains("Great demo, the \\<script\\> part too", markdown);
        Assert.DoesNotContain("UE", markdown);
        output.WriteLine($"{server.Name}: export {text.Length} bytes JSON, {markdown.Length} bytes Markdown");
    }

    private sealed record Owned(string[] Received, string Given, string Asked, string AskedOfHer, string[] Keys);

    // Everything one person can have, with one partner; for Ada a third person (Di) also sends her anonymous feedback.
    private async Task<Owned> PopulateAsync(ServiceProvider host, PersonRef me, PersonRef partner)
    {
        var redis = server.Connection;
        var feedback = host.GetRequiredService<IFeedbackStore>();
        var requests = host.GetRequiredService<IRequestStore>();
        FeedbackItem Item(PersonRef from, PersonRef to, string text, bool anonymous = false) =>
            new(Ids.New(_time, to.Workspace), from, to, FeedbackContent.FromText(text), FeedbackKind.Praise, FeedbackVisibility.Private, anonymous, null, null, T0,
                Delivery: DeliveryStatus.Delivered, DeliveredAt: T0);
        var fromPartner = Item(partner, me, "Great demo, the <script> part too");
        var anonymousOne = me == Ada ? Item(Eve, me, "Speak up earlier in planning", anonymous: true) : null;
        var given = Item(me, partner, "Your retro notes were clear");
        await feedback.SaveAsync([fromPartner, .. anonymousOne is null ? [] : new[] { anonymousOne }, given], T0, default);

        var askedId = Ids.New(_time, me.Workspace);
        await requests.SaveAsync(new FeedbackRequest(askedId, me, "How was my talk?", null, T0, T0.AddDays(3), [new(partner, Prompt: new SendState())]),
            T0.AddSeconds(30), new Dictionary<PersonRef, DateTimeOffset> { [partner] = T0.AddDays(1) }, default);
        var askedOfId = Ids.New(_time, me.Workspace);
        await requests.SaveAsync(new FeedbackRequest(askedOfId, partner, "Was my plan clear?", null, T0, T0.AddDays(3),
            me == Ada ? [new(me, Prompt: new SendState()), new(Eve, Prompt: new SendState())] : [new(me, Prompt: new SendState())]),
            T0.AddSeconds(30), new Dictionary<PersonRef, DateTimeOffset> { [me] = T0.AddDays(1) }, default);
        await requests.UpdateAsync(askedOfId, r => r.WithRecipient(me, x => x with { Status = RecipientStatus.Answered, AnsweredAt = T0, FeedbackId = given.Id }), default);

        await host.GetRequiredService<IPreferencesStore>().SaveAsync(me, PersonalPreferences.Default with { WeeklyReminder = new WeeklyReminder(true, DayOfWeek.Tuesday, new TimeOnly(9, 0)) }, default);
        await new RedisReminderSchedule(redis, _keys).SetNextAsync(me, T0.AddDays(7), default);
        await requests.PlanNudgeCheckAsync(me, T0.AddDays(1), null, default);
        await new RedisAddressBook(redis, _keys).SetAsync(me, "slack.dm_channel", "D" + me.UserId, default);
        await new RedisUsageLimiter(redis, _keys).TryTakeAsync(me, LimitedAction.Feedback, 1, [new UsageWindow(TimeSpan.FromHours(1), 30)], T0, default);
        await new RedisOnceStore(redis, _keys).TryClaimAsync($"digest:{me.Key}:2026-W45", TimeSpan.FromDays(21), default);
        var ratings = host.GetRequiredService<IRatingStore>();
        await ratings.SetAsync(me, new UsefulRating(fromPartner.Id, true, [UsefulReason.Specific], T0), default);
        if (anonymousOne is not null)
        {
            await ratings.SetAsync(me, new UsefulRating(anonymousOne.Id, false, [], T0), default);
        }

        await host.GetRequiredService<IValueTagStore>().TagAsync(me, new ValueTag(fromPartner.Id, ["Ownership"], T0), default);
        return new Owned([fromPartner.Id, .. anonymousOne is null ? [] : new[] { anonymousOne.Id }], given.Id, askedId, askedOfId,
            [fromPartner.Id, given.Id, askedId, askedOfId]);
    }

    private Task<Dictionary<string, string>> AllValuesAsync() => KeyDump.AllValuesAsync(server.Connection, _keys.Prefix);
}

public sealed class RedisServerPersonalDataTests(RedisServerFixture server, ITestOutputHelper output)
    : PersonalDataContract(server, output), IClassFixture<RedisServerFixture>;

public sealed class GarnetPersonalDataTests(GarnetServerFixture server, ITestOutputHelper output)
    : PersonalDataContract(server, output), IClassFixture<GarnetServerFixture>;
