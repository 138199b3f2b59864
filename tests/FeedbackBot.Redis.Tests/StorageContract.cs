using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Preferences;
using FeedbackBot.Core.Requests;
using Hangfire;
using Hangfire.Common;
using Hangfire.Redis.StackExchange;
using Hangfire.States;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FeedbackBot.Redis.Tests;

/// <summary>
/// One suite, every hosting: the same tests run against embedded Garnet, a real redis-server and a real Redis
/// Cluster, so the one storage code path is known to work on each. Each test uses its own key prefix.
/// </summary>
public abstract class StorageContract(IStorageServer server)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);
    private readonly Keys _keys = new("t" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>The prefix of every key this test writes.</summary>
    protected string KeyPrefix => _keys.Prefix;

    protected StackExchange.Redis.IConnectionMultiplexer Connection => server.Connection;

    private static PersonRef Person(string id, string ws = "T1") => new(Platform.Slack, ws, id);

    private RedisFeedbackStore Feedback => new(server.Connection, _keys, server.Conditional);

    private readonly FakeTimeProvider _time = new(T0);

    private RedisRequestStore Requests => new(server.Connection, _keys, _time, Options.Create(new DeliveryOptions()), server.Conditional);

    private static FeedbackItem Item(string id, PersonRef giver, PersonRef recipient, DateTimeOffset at, bool anonymous = false) =>
        new(id, giver, recipient, new FeedbackContent(FeedbackTemplate.Sbi, new Dictionary<string, string>
        {
            [TemplateParts.Situation] = "In Tuesday's demo",
            [TemplateParts.Impact] = "the client understood the plan",
        }), FeedbackKind.Praise, FeedbackVisibility.Private, anonymous, new SourceLink("https://x/y", "msg", giver), null, at);

    [StorageFact]
    public async Task SaveFeedback_RoundTripsEveryField()
    {
        var item = Item("f1", Person("U1"), Person("U2"), T0, anonymous: true);
        await Feedback.SaveAsync(item, default);

        var read = await Feedback.GetAsync("f1", default);

        Assert.NotNull(read);
        Assert.Equal(item with { Content = read!.Content }, read);
        Assert.Equal(item.Content.Parts, read.Content.Parts);
        Assert.Equal(FeedbackTemplate.Sbi, read.Content.Template);
    }

    [StorageFact]
    public async Task ListReceived_IsNewestFirstAndHonoursLimitAndSince()
    {
        var (giver, me) = (Person("U1"), Person("U2"));
        for (var i = 0; i < 5; i++)
        {
            await Feedback.SaveAsync(Item($"f{i}", giver, me, T0.AddHours(i)), default);
        }

        var latest = await Feedback.ListReceivedAsync(me, 3, default);
        var since = await Feedback.ListReceivedAsync(me, 10, default, since: T0.AddHours(3));
        var sent = await Feedback.ListSentAsync(giver, 10, default);

        Assert.Equal(["f4", "f3", "f2"], latest.Select(f => f.Id));
        Assert.Equal(["f4", "f3"], since.Select(f => f.Id));
        Assert.Equal(5, sent.Count);
        Assert.Empty(await Feedback.ListReceivedAsync(giver, 10, default));
    }

    [StorageFact]
    public async Task SetDelivery_SecondDeliveredIsRefused()
    {
        await Feedback.SaveAsync(Item("f1", Person("U1"), Person("U2"), T0), default);

        Assert.True(await Feedback.SetDeliveryAsync("f1", DeliveryStatus.Delivered, T0.AddMinutes(1), null, default));
        Assert.False(await Feedback.SetDeliveryAsync("f1", DeliveryStatus.Delivered, T0.AddMinutes(2), null, default));
        Assert.False(await Feedback.SetDeliveryAsync("missing", DeliveryStatus.Delivered, T0, null, default));

        var read = await Feedback.GetAsync("f1", default);
        Assert.Equal(DeliveryStatus.Delivered, read!.Delivery);
        Assert.Equal(T0.AddMinutes(1), read.DeliveredAt);
    }

    [StorageFact]
    public async Task UpdateRequest_ConcurrentAnswersAreAllKept()
    {
        var recipients = Enumerable.Range(0, 8).Select(i => new RequestRecipient(Person($"R{i}"))).ToArray();
        var request = new FeedbackRequest("r1", Person("U1"), "How was my demo?", null, T0, T0.AddDays(3), recipients);
        await Requests.SaveAsync(request, default);

        // Eight recipients answer at the same moment (as from eight hosts): none may overwrite another.
        await Task.WhenAll(recipients.Select(r => Task.Run(() => Requests.UpdateAsync("r1",
            req => req.WithRecipient(r.Person, x => x with { Status = RecipientStatus.Answered, AnsweredAt = T0 }), default))));

        var read = await Requests.GetAsync("r1", default);
        Assert.All(read!.Recipients, r => Assert.Equal(RecipientStatus.Answered, r.Status));
        Assert.False(read.IsOpen);
    }

    [StorageFact]
    public async Task ListOwedAndAsked_ShowOnlyOpenWork()
    {
        var (me, a, b) = (Person("U1"), Person("A"), Person("B"));
        await Requests.SaveAsync(new FeedbackRequest("r1", me, "Q1", null, T0, T0.AddDays(3), [new(a), new(b)]), default);
        await Requests.SaveAsync(new FeedbackRequest("r2", a, "Q2", null, T0.AddMinutes(1), T0.AddDays(3), [new(b)]), default);

        await Requests.UpdateAsync("r1", r => r.WithRecipient(a, x => x with { Status = RecipientStatus.Declined }), default);

        Assert.Empty(await Requests.ListOwedByAsync(a, default));
        Assert.Equal(["r1", "r2"], (await Requests.ListOwedByAsync(b, default)).Select(r => r.Id));
        Assert.Equal(["r1"], (await Requests.ListAskedByAsync(me, default)).Select(r => r.Id));

        await Requests.UpdateAsync("r1", r => r.WithRecipient(b, x => x with { Status = RecipientStatus.Answered }), default);
        Assert.Empty(await Requests.ListAskedByAsync(me, default));
        Assert.Null(await Requests.UpdateAsync("nope", r => r, default));
    }

    [StorageFact]
    public async Task SaveRequest_WritesPromptsIndexesAndNudgeChecksTogether()
    {
        var (me, a, b, other) = (Person("U1"), Person("A"), Person("B"), Person("X", ws: "T2"));
        var request = new FeedbackRequest(Core.Ids.New(_time, me.Workspace), me, "Q?", null, T0, T0.AddDays(3),
            [new(a, Prompt: new SendState()), new(b, Prompt: new SendState()), new(other, Prompt: new SendState())]);
        await Requests.PlanNudgeCheckAsync(b, T0.AddHours(1), replacing: null, default); // from an earlier request

        await Requests.SaveAsync(request, T0.AddSeconds(30), new Dictionary<PersonRef, DateTimeOffset>
        {
            [a] = T0.AddDays(1), [b] = T0.AddDays(1), [other] = T0.AddDays(2),
        }, default);

        var read = (await Requests.GetAsync(request.Id, default))!;
        Assert.Equal(request.Recipients, read.Recipients);
        Assert.Equal(request with { Recipients = read.Recipients }, read);
        Assert.Equal(T0.AddDays(1), await Requests.GetNudgeCheckAsync(a, default));
        Assert.Equal(T0.AddHours(1), await Requests.GetNudgeCheckAsync(b, default)); // the earlier check stays
        Assert.Equal(T0.AddDays(2), await Requests.GetNudgeCheckAsync(other, default)); // another workspace's slot
        Assert.Equal([request.Id], (await Requests.ListOwedByAsync(other, default)).Select(r => r.Id));
        Assert.Empty(await Requests.TakeDueWorkAsync(T0, TimeSpan.FromMinutes(2), 100, default)); // the fast path's grace

        // Two sweepers at once: each prompt is taken by one of them.
        var takes = await Task.WhenAll(
            Requests.TakeDueWorkAsync(T0.AddMinutes(1), TimeSpan.FromMinutes(2), 100, default),
            Requests.TakeDueWorkAsync(T0.AddMinutes(1), TimeSpan.FromMinutes(2), 100, default));
        Assert.Equal(
            new[] { a, b, other }.Select(p => OutboxEntry.ForPrompt(request.Id, p)).OrderBy(e => e.ToString()),
            takes.SelectMany(t => t).OrderBy(e => e.ToString()));

        // Sent prompts leave the outbox in the same write; the rest come back after the lease.
        await Requests.UpdateAsync(request.Id, r => r.WithRecipient(a, x => x with { Prompt = new SendState(SendStatus.Sent, 1) }), default);
        await Requests.RescheduleWorkAsync(OutboxEntry.ForPrompt(request.Id, b), T0.AddHours(1), default);
        Assert.Equal([OutboxEntry.ForPrompt(request.Id, other)], await Requests.TakeDueWorkAsync(T0.AddMinutes(5), TimeSpan.FromMinutes(2), 100, default));
        Assert.Equal( // the retry is due, and the one whose run never finished is back too
            new[] { b, other }.Select(p => OutboxEntry.ForPrompt(request.Id, p).ToString()).Order(),
            (await Requests.TakeDueWorkAsync(T0.AddHours(1), TimeSpan.FromMinutes(2), 100, default)).Select(e => e.ToString()).Order());
    }

    [StorageFact]
    public async Task UpdateRequest_ClosingQueuesTheSummaryAndSendingItRemovesIt()
    {
        var (me, a) = (Person("U1"), Person("A"));
        var request = new FeedbackRequest(Core.Ids.New(_time, me.Workspace), me, "Q?", null, T0, T0.AddDays(3), [new(a)]);
        await Requests.SaveAsync(request, default);
        var summary = OutboxEntry.ForSummary(request.Id);

        await Requests.UpdateAsync(request.Id, r => r.WithRecipient(a, x => x with { Status = RecipientStatus.Expired }), default);

        var grace = new DeliveryOptions().SweepGrace;
        Assert.Empty(await Requests.TakeDueWorkAsync(T0, TimeSpan.FromMinutes(2), 100, default));
        Assert.Equal([summary], await Requests.TakeDueWorkAsync(T0 + grace, TimeSpan.FromMinutes(2), 100, default));
        await Requests.UpdateAsync(request.Id, r => r with { SummarySent = true, Summary = new SendState(SendStatus.Sent, 1) }, default);
        Assert.Empty(await Requests.TakeDueWorkAsync(T0.AddDays(1), TimeSpan.FromMinutes(2), 100, default));
    }

    [StorageFact]
    public async Task NudgeSchedule_TakeIsAtomicAndRePlanReplacesOnlyItsOwnEntry()
    {
        var people = Enumerable.Range(0, 20).Select(i => Person($"U{i:00}")).ToArray();
        foreach (var (p, i) in people.Select((p, i) => (p, i)))
        {
            await Requests.PlanNudgeCheckAsync(p, T0.AddMinutes(i), replacing: null, default);
        }

        var lease = TimeSpan.FromMinutes(2);
        var takes = await Task.WhenAll(
            Requests.TakeDueNudgeChecksAsync(T0.AddMinutes(9), lease, 100, default),
            Requests.TakeDueNudgeChecksAsync(T0.AddMinutes(9), lease, 100, default));
        var taken = takes.SelectMany(t => t).ToArray();
        Assert.Equal(people[..10], taken.Select(t => t.Person).Order(Comparer<PersonRef>.Create((x, y) => string.CompareOrdinal(x.Key, y.Key))));
        Assert.All(taken, t => Assert.Equal(1, t.Version)); // planned once from outside
        Assert.Equal(T0.AddMinutes(3), taken.Single(t => t.Person == people[3]).PlannedAt);
        Assert.Equal(T0.AddMinutes(9) + lease, await Requests.GetNudgeCheckAsync(people[0], default)); // leased

        var (mine, other, done) = (taken[0], taken[1], taken[2]);
        await Requests.PlanNudgeCheckAsync(mine.Person, T0.AddDays(1), mine, default);                  // its own entry: replaced
        await Requests.PlanNudgeCheckAsync(other.Person, T0.AddMinutes(30), replacing: null, default);  // a new request meanwhile
        await Requests.PlanNudgeCheckAsync(other.Person, T0.AddDays(1), other, default);                // the run's later plan loses
        await Requests.PlanNudgeCheckAsync(done.Person, null, done, default);                           // nothing left: removed

        Assert.Equal(T0.AddDays(1), await Requests.GetNudgeCheckAsync(mine.Person, default));
        // The run read what the person owed before the new request came: its later plan must not win. The entry
        // keeps the earliest time (the lease's end), and that check plans from everything the person owes.
        Assert.Equal(T0.AddMinutes(9) + lease, await Requests.GetNudgeCheckAsync(other.Person, default));
        Assert.Null(await Requests.GetNudgeCheckAsync(done.Person, default));
    }

    [StorageFact]
    public async Task Preferences_DefaultUntilSaved()
    {
        var store = new RedisPreferencesStore(server.Connection, _keys);
        var me = Person("U1");
        Assert.Equal(PersonalPreferences.Default, await store.GetAsync(me, default));

        var mine = PersonalPreferences.Default with
        {
            TimeZoneId = "Asia/Kolkata",
            AcceptsAnonymous = true,
            WeeklyReminder = new WeeklyReminder(true, DayOfWeek.Monday, new TimeOnly(9, 30)),
        };
        await store.SaveAsync(me, mine, default);

        var read = await store.GetAsync(me, default);
        Assert.Equal(mine with { WorkingHours = read.WorkingHours }, read);
        Assert.Equal(mine.WorkingHours.Days, read.WorkingHours.Days);
    }

    [StorageFact]
    public async Task OnceClaim_OnlyFirstWinsUntilReleased()
    {
        var once = new RedisOnceStore(server.Connection, _keys);
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => once.TryClaimAsync("event:Ev1", TimeSpan.FromMinutes(10), default)));
        Assert.Equal(1, results.Count(r => r));

        await once.ReleaseAsync("event:Ev1", default);
        Assert.True(await once.TryClaimAsync("event:Ev1", TimeSpan.FromMinutes(10), default));
    }

    [StorageFact]
    public async Task ReminderSchedule_TakenEntryComesBackAfterItsLeaseUnlessMoved()
    {
        var schedule = new RedisReminderSchedule(server.Connection, _keys);
        var lease = TimeSpan.FromMinutes(10);
        await schedule.SetNextAsync(Person("UADA"), T0, default);
        await schedule.SetNextAsync(Person("UBOB"), T0, default);

        Assert.Equal(2, (await schedule.TakeDueAsync(T0, lease, 100, default)).Count);
        // Within the lease nobody else gets them; Bob's run moves him to next week, Ada's run "dies".
        Assert.Empty(await schedule.TakeDueAsync(T0 + lease - TimeSpan.FromSeconds(1), lease, 100, default));
        await schedule.SetNextAsync(Person("UBOB"), T0.AddDays(7), default);

        var back = await schedule.TakeDueAsync(T0 + lease, lease, 100, default);
        Assert.Equal([Person("UADA")], back.Select(d => d.Person));
    }

    [StorageFact]
    public async Task ReminderSchedule_TakeDueIsAtomicAndOrdered()
    {
        var schedule = new RedisReminderSchedule(server.Connection, _keys);
        for (var i = 0; i < 50; i++)
        {
            await schedule.SetNextAsync(Person($"U{i:00}"), T0.AddMinutes(i), default);
        }

        await schedule.SetNextAsync(Person("U00"), T0.AddMinutes(5).AddSeconds(30), default); // moved later
        await schedule.RemoveAsync(Person("U01"), default);                                   // turned off

        // Two schedulers take at the same moment: together they get each due person exactly once.
        var takes = await Task.WhenAll(
            schedule.TakeDueAsync(T0.AddMinutes(29), TimeSpan.FromMinutes(10), 100, default),
            schedule.TakeDueAsync(T0.AddMinutes(29), TimeSpan.FromMinutes(10), 100, default));
        var taken = takes.SelectMany(t => t).ToArray();

        Assert.Equal(29, taken.Length); // U00 (moved) and U02..U29
        Assert.Equal(taken.Length, taken.Select(t => t.Person).Distinct().Count());
        Assert.Equal(T0.AddMinutes(2), takes.First(t => t.Count > 0)[0].DueAt);
        Assert.DoesNotContain(taken, t => t.Person == Person("U01"));
        Assert.Equal(5, (await schedule.TakeDueAsync(T0.AddMinutes(100), TimeSpan.FromMinutes(10), 5, default)).Count);
    }

    [StorageFact]
    public async Task SendPacer_SlotsAreSpacedAcrossConcurrentCallersPerWorkspace()
    {
        var pacer = new RedisSendPacer(server.Connection, _keys);
        var ws = new WorkspaceRef(Platform.Slack, "T1");
        var spacing = TimeSpan.FromSeconds(1);

        // Two hosts asking at once: every slot is distinct and a spacing apart, starting now.
        var slots = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => pacer.NextSlotAsync(ws, T0, spacing, default)));
        var other = await pacer.NextSlotAsync(new WorkspaceRef(Platform.Slack, "T2"), T0, spacing, default);
        var later = await pacer.NextSlotAsync(ws, T0.AddMinutes(5), spacing, default);

        Assert.Equal(Enumerable.Range(0, 20).Select(i => T0.AddSeconds(i)), slots.Order());
        Assert.Equal(T0, other);                 // another workspace is not held up
        Assert.Equal(T0.AddMinutes(5), later);   // slots never lie in the past
    }

    [StorageFact]
    public async Task Outbox_SaveIsAtomicWithItemsAndDeliveredOrFailedLeaveIt()
    {
        var (giver, ana, bob) = (Person("U1"), Person("U2"), Person("U3"));
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(T0);
        var a = Item(Core.Ids.New(clock, ana.Workspace), giver, ana, T0);
        var b = Item(Core.Ids.New(clock, bob.Workspace), giver, bob, T0);
        await Feedback.SaveAsync([a, b], T0.AddSeconds(30), default);

        Assert.Empty(await Feedback.TakeDueDeliveriesAsync(T0, TimeSpan.FromMinutes(2), 10, default));
        Assert.Equal(new[] { a.Id, b.Id }.Order(), (await Feedback.TakeDueDeliveriesAsync(T0.AddSeconds(30), TimeSpan.FromMinutes(2), 10, default)).Order());
        // Leased: a second sweeper right after takes nothing; after the lease both come back.
        Assert.Empty(await Feedback.TakeDueDeliveriesAsync(T0.AddSeconds(31), TimeSpan.FromMinutes(2), 10, default));
        Assert.Equal(2, (await Feedback.TakeDueDeliveriesAsync(T0.AddMinutes(3), TimeSpan.FromMinutes(2), 10, default)).Count);

        Assert.True(await Feedback.SetDeliveryAsync(a.Id, DeliveryStatus.Delivered, T0, null, default));
        Assert.True(await Feedback.SetDeliveryAsync(b.Id, DeliveryStatus.Failed, T0, "user_not_found", default));
        Assert.Empty(await Feedback.TakeDueDeliveriesAsync(T0.AddDays(1), TimeSpan.FromMinutes(2), 10, default));
        Assert.Equal([a.Id], (await Feedback.ListReceivedAsync(ana, 10, default)).Select(i => i.Id));
        Assert.Equal(2, (await Feedback.ListSentAsync(giver, 10, default)).Count);
    }

    [StorageFact]
    public async Task Outbox_MarkSendingCountsAttemptsAndRescheduleMovesTheDueTime()
    {
        var ana = Person("U2");
        var item = Item(Core.Ids.New(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(T0), ana.Workspace), Person("U1"), ana, T0);
        await Feedback.SaveAsync([item], T0, default);

        var first = await Feedback.MarkSendingAsync(item.Id, T0.AddSeconds(1), default);
        var second = await Feedback.MarkSendingAsync(item.Id, T0.AddSeconds(9), default);
        await Feedback.RescheduleDeliveryAsync(item.Id, T0.AddMinutes(5), default);

        Assert.Equal((1, T0.AddSeconds(1)), (first!.DeliveryAttempts, first.SendStartedAt!.Value));
        Assert.Equal((2, T0.AddSeconds(1)), (second!.DeliveryAttempts, second.SendStartedAt!.Value)); // the first start is kept
        Assert.Empty(await Feedback.TakeDueDeliveriesAsync(T0.AddMinutes(4), TimeSpan.FromMinutes(2), 10, default));
        Assert.Equal([item.Id], await Feedback.TakeDueDeliveriesAsync(T0.AddMinutes(5), TimeSpan.FromMinutes(2), 10, default));

        await Feedback.SetDeliveryAsync(item.Id, DeliveryStatus.Delivered, T0, null, default);
        Assert.Null(await Feedback.MarkSendingAsync(item.Id, T0, default)); // delivered: no more sends
    }

    [StorageFact]
    public async Task SaveFeedback_WritesTheSameTextAsReflectedJson_SoStoredItemsReadAlike()
    {
        // The stored format (camelCase, enums by camelCase name, nulls left out) as the reflection-based serializer
        // wrote it before generated metadata: old items and new ones must be the same text.
        var reflected = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)
        {
            Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase) },
            DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        };
        var ana = Person("U2");
        var item = Item(Core.Ids.New(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(T0), ana.Workspace), Person("U1"), ana, T0) with
        {
            Coach = new Core.Insights.CoachVerdicts(Core.Coaching.Verdict.Met, Core.Coaching.Verdict.Missing, Core.Coaching.Verdict.NotApplicable, Core.Coaching.Verdict.Met, Core.Coaching.Verdict.Met),
            SendStartedAt = T0, DeliveryAttempts = 2, Visibility = FeedbackVisibility.SharedWithManager,
        };
        await Feedback.SaveAsync([item], T0, default);

        var stored = (string)(await Connection.GetDatabase().StringGetAsync(_keys.Feedback(item.Id)))!;
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(item, reflected), stored);
        Assert.Contains("\"visibility\":\"sharedWithManager\"", stored);
        var read = await Feedback.GetAsync(item.Id, default);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(item, reflected), System.Text.Json.JsonSerializer.Serialize(read, reflected));
    }

    [StorageFact]
    public async Task Delivery_OneHostsRememberedItemNeverOverwritesAnotherHostsChange()
    {
        // Each store remembers the pending items it read or wrote, and its updates expect that text first
        // (no read before the WATCH): what another host changed meanwhile must win over the memory.
        var ana = Person("U2");
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(T0);
        var (hostA, hostB) = (Feedback, Feedback);
        var item = Item(Core.Ids.New(clock, ana.Workspace), Person("U1"), ana, T0);
        var other = Item(Core.Ids.New(clock, ana.Workspace), Person("U1"), ana, T0);
        await hostA.SaveAsync([item, other], T0, default);
        Assert.Equal(item.Id, (await hostA.GetAsync(item.Id, default))!.Id);

        Assert.Equal(1, (await hostB.MarkSendingAsync(item.Id, T0.AddSeconds(1), default))!.DeliveryAttempts);
        var again = await hostA.MarkSendingAsync(item.Id, T0.AddSeconds(5), default); // A still remembers attempt 0
        Assert.Equal((2, T0.AddSeconds(1)), (again!.DeliveryAttempts, again.SendStartedAt!.Value));

        Assert.True(await hostB.SetDeliveryAsync(other.Id, DeliveryStatus.Delivered, T0, null, default));
        // A remembers `other` as pending (it saved it): it must not send it again nor deliver it twice.
        Assert.Null(await hostA.MarkSendingAsync(other.Id, T0.AddSeconds(2), default));
        Assert.False(await hostA.SetDeliveryAsync(other.Id, DeliveryStatus.Delivered, T0.AddSeconds(2), null, default));
        Assert.Equal(DeliveryStatus.Delivered, (await hostA.GetAsync(other.Id, default))!.Delivery);

        Assert.True(await hostA.SetDeliveryAsync(item.Id, DeliveryStatus.Delivered, T0.AddSeconds(6), null, default));
        var stored = await Feedback.GetAsync(item.Id, default);
        Assert.Equal((DeliveryStatus.Delivered, 2), (stored!.Delivery, stored.DeliveryAttempts));
        Assert.Empty(await Feedback.TakeDueDeliveriesAsync(T0.AddDays(1), TimeSpan.FromMinutes(2), 10, default));
    }

    [StorageFact]
    public async Task Outbox_ConcurrentSweepersNeverTakeTheSameEntry()
    {
        var ana = Person("U2");
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(T0);
        var items = Enumerable.Range(0, 200).Select(_ => Item(Core.Ids.New(clock, ana.Workspace), Person("U1"), ana, T0)).ToArray();
        await Feedback.SaveAsync(items, T0, default);

        var taken = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Feedback.TakeDueDeliveriesAsync(T0, TimeSpan.FromMinutes(2), 50, default)));

        var all = taken.SelectMany(t => t).ToArray();
        Assert.Equal(all.Length, all.Distinct().Count());
        Assert.Equal(200, all.Length);
    }

    [StorageFact]
    public async Task Doctor_FindsAndRepairsWhatACrashBetweenWritesLeaves()
    {
        var (giver, ana) = (Person("U1"), Person("U2"));
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(T0);
        var doctor = new StorageDoctor(server.Connection, _keys, clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<StorageDoctor>.Instance);
        var healthy = Item(Core.Ids.New(clock, ana.Workspace), giver, ana, T0);
        var orphan = Item(Core.Ids.New(clock, ana.Workspace), giver, ana, T0);
        await Feedback.SaveAsync([healthy], T0, default);
        // Keys that only look like items: the per-person limits of the "feedback" and "request" actions.
        var limits = new RedisUsageLimiter(server.Connection, _keys);
        foreach (var action in new[] { Core.Limits.LimitedAction.Feedback, Core.Limits.LimitedAction.Request })
        {
            Assert.True((await limits.TryTakeAsync(giver, action, 1, [new(TimeSpan.FromHours(1), 5)], T0, default)).Allowed);
        }

        Assert.True((await doctor.RunAsync(repair: false, default)) is { Clean: true, FeedbackItems: 1, PendingDeliveries: 1 });

        // An item written without its indexes and outbox entry (what a non-atomic writer could leave), and an
        // outbox entry whose item is gone.
        var db = server.Connection.GetDatabase();
        await db.StringSetAsync(_keys.Feedback(orphan.Id), System.Text.Json.JsonSerializer.Serialize(orphan, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase) } }));
        await db.SortedSetAddAsync(_keys.Outbox(ana.Workspace), "gone", 0);

        var found = await doctor.RunAsync(repair: false, default);
        Assert.Equal(4, found.Problems); // received, sent, outbox for the orphan; the dangling entry
        Assert.False(found.Clean);

        var repaired = await doctor.RunAsync(repair: true, default);
        Assert.Equal((4, 4), (repaired.Problems, repaired.Repaired));
        Assert.True((await doctor.RunAsync(repair: false, default)).Clean);
        Assert.Equal(new[] { healthy.Id, orphan.Id }.Order(), (await Feedback.TakeDueDeliveriesAsync(T0.AddMinutes(1), TimeSpan.FromMinutes(2), 10, default)).Order());
        Assert.Equal(2, (await Feedback.ListReceivedAsync(ana, 10, default)).Count);
    }

    [StorageFact]
    public async Task Doctor_RepairsRequestWorkAndNudgeChecksACrashLeftBehind()
    {
        var (me, a, b) = (Person("U1"), Person("A"), Person("B"));
        var doctor = new StorageDoctor(server.Connection, _keys, _time, Microsoft.Extensions.Logging.Abstractions.NullLogger<StorageDoctor>.Instance);
        var open = new FeedbackRequest(Core.Ids.New(_time, me.Workspace), me, "Q?", null, T0, T0.AddDays(3),
            [new(a, Prompt: new SendState()), new(b, Prompt: new SendState(SendStatus.Sent, 1))]);
        var closed = new FeedbackRequest(Core.Ids.New(_time, me.Workspace), me, "Q2?", null, T0, T0.AddDays(3),
            [new(a, RecipientStatus.Declined)]);
        await Requests.SaveAsync(open, T0, new Dictionary<PersonRef, DateTimeOffset> { [a] = T0.AddDays(1), [b] = T0.AddDays(1) }, default);
        await Requests.SaveAsync(closed, default);
        Assert.True((await doctor.RunAsync(repair: false, default)) is { Clean: true, Requests: 2 });

        // What writers before the outbox (or a lost transaction) could leave: a prompt owed but not queued, a
        // pending person without a nudge check, a summary owed but not queued, and a queued entry nobody owes.
        var db = server.Connection.GetDatabase();
        await db.SortedSetRemoveAsync(_keys.RequestOutbox(me.Workspace), OutboxEntry.ForPrompt(open.Id, a).ToString());
        await db.SortedSetRemoveAsync(_keys.RequestOutbox(me.Workspace), OutboxEntry.ForSummary(closed.Id).ToString());
        await db.SortedSetRemoveAsync(_keys.Nudges(b.Workspace), b.Key);
        await db.SortedSetAddAsync(_keys.RequestOutbox(me.Workspace), OutboxEntry.ForPrompt(open.Id, b).ToString(), 0);

        var found = await doctor.RunAsync(repair: true, default);
        Assert.Equal((4, 4), (found.Problems, found.Repaired));
        Assert.True((await doctor.RunAsync(repair: false, default)).Clean);
        Assert.Equal(
            new[] { OutboxEntry.ForPrompt(open.Id, a), OutboxEntry.ForSummary(closed.Id) }.Select(e => e.ToString()).Order(),
            (await Requests.TakeDueWorkAsync(T0, TimeSpan.FromMinutes(2), 10, default)).Select(e => e.ToString()).Order());
        Assert.Equal(T0, await Requests.GetNudgeCheckAsync(b, default)); // due now: the check plans from everything
    }

    [StorageFact]
    public void HangfireStorage_SchedulesAndReadsJobs()
    {
        var storage = new RedisStorage(server.Connection, new RedisStorageOptions { Prefix = "{" + _keys.Prefix + "-hf}:" });
        var client = new BackgroundJobClient(storage);

        var id = client.Create(Job.FromExpression(() => Console.WriteLine("x")), new ScheduledState(TimeSpan.FromHours(1)));

        using var connection = storage.GetConnection();
        Assert.Equal(ScheduledState.StateName, connection.GetStateData(id).Name);
        Assert.Equal(1, storage.GetMonitoringApi().ScheduledCount());
    }

    [StorageFact]
    public async Task HangfireServer_RunsAnEnqueuedAndADelayedJob()
    {
        // The host's shape: one prefix in braces, so every Hangfire key (and its transactions and locks) shares a slot.
        var storage = new RedisStorage(server.Connection, new RedisStorageOptions { Prefix = "{" + _keys.Prefix + "-hf}:" });
        var (now, later) = (HangfireProbe.Expect(), HangfireProbe.Expect());
        using var jobs = new BackgroundJobServer(new BackgroundJobServerOptions
        {
            WorkerCount = 2,
            SchedulePollingInterval = TimeSpan.FromMilliseconds(200),
            ServerName = "contract-" + _keys.Prefix,
        }, storage);
        var client = new BackgroundJobClient(storage);

        var enqueued = client.Enqueue(() => HangfireProbe.Run(now.Token));
        var delayed = client.Schedule(() => HangfireProbe.Run(later.Token), TimeSpan.FromSeconds(1));

        var ranBoth = Task.WhenAll(now.Ran, later.Ran);
        Assert.True(await Task.WhenAny(ranBoth, Task.Delay(TimeSpan.FromSeconds(30))) == ranBoth,
            $"jobs did not run: enqueued {now.Ran.IsCompleted}, delayed {later.Ran.IsCompleted}");
        using var connection = storage.GetConnection();
        await HangfireProbe.UntilAsync(() => connection.GetStateData(enqueued).Name == SucceededState.StateName
            && connection.GetStateData(delayed).Name == SucceededState.StateName, TimeSpan.FromSeconds(10));
    }

    [StorageFact]
    public async Task AddressBook_KeepsValuesPerPersonKindAndWorkspace()
    {
        var book = new RedisAddressBook(server.Connection, _keys);
        var (me, other, elsewhere) = (Person("U1"), Person("U2"), Person("U1", ws: "T2"));

        Assert.Null(await book.GetAsync(me, "slack.dm", default));
        await book.SetAsync(me, "slack.dm", "D111", default);
        await book.SetAsync(me, "other", "x", default);
        await book.SetAsync(other, "slack.dm", "D222", default);
        await book.SetAsync(new WorkspaceRef(Platform.Slack, "T1"), "token-ref", "vault:1", default);

        Assert.Equal("D111", await book.GetAsync(me, "slack.dm", default));
        Assert.Equal("D222", await book.GetAsync(other, "slack.dm", default));
        Assert.Null(await book.GetAsync(elsewhere, "slack.dm", default)); // same user id, other workspace
        Assert.Equal("vault:1", await book.GetAsync(new WorkspaceRef(Platform.Slack, "T1"), "token-ref", default));
        Assert.Null(await book.GetAsync(new WorkspaceRef(Platform.Slack, "T2"), "token-ref", default));

        await book.SetAsync(me, "slack.dm", "D333", default); // replaced, not duplicated
        await book.RemoveAsync(me, "other", default);
        Assert.Equal("D333", await book.GetAsync(me, "slack.dm", default));
        Assert.Null(await book.GetAsync(me, "other", default));
    }
}

public sealed class GarnetStorageContractTests(GarnetServerFixture server)
    : StorageContract(server), IClassFixture<GarnetServerFixture>;

public sealed class RedisServerStorageContractTests(RedisServerFixture server)
    : StorageContract(server), IClassFixture<RedisServerFixture>;

/// <summary>A job body the contract's Hangfire test enqueues: it signals the test that it ran, by token.</summary>
public static class HangfireProbe
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource> Waiting = new();

    public sealed record Expectation(string Token, Task Ran);

    public static Expectation Expect()
    {
        var token = Guid.NewGuid().ToString("N");
        var ran = Waiting.GetOrAdd(token, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        return new Expectation(token, ran.Task);
    }

    public static void Run(string token)
    {
        if (Waiting.TryRemove(token, out var ran))
        {
            ran.SetResult();
        }
    }

    /// <summary>Polls <paramref name="condition"/> (short, bounded) and fails when it does not hold in time.</summary>
    public static async Task UntilAsync(Func<bool> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold in time");
            await Task.Delay(50);
        }
    }
}
