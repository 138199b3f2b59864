using FeedbackBot.Core.Digest;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Limits;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.Nudges;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Requests;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FeedbackBot.Core.Tests.Fakes;

/// <summary>
/// Core wired to in-memory fakes on a fake clock. <see cref="RunNudgeChecksUntilAsync"/> plays the delivery
/// sweep over the stored nudge schedule, and <see cref="RunDigestsUntilAsync"/> the job system: they move the
/// clock to each planned check or job and run it, in time order, including what the runs plan themselves.
/// </summary>
public sealed class CoreWorld
{
    private readonly HashSet<int> _ranDigests = [];

    public CoreWorld(DateTimeOffset start)
    {
        Time = new FakeTimeProvider(start);
        Once = new InMemoryOnceStore(Time);
        Messenger = new RecordingMessenger(Time);
        Requests = new InMemoryRequestStore(Time);
    }

    public FakeTimeProvider Time { get; }
    public InMemoryRequestStore Requests { get; }
    public InMemoryFeedbackStore Feedback { get; } = new();
    public InMemoryPeopleDirectory People { get; } = new();
    public InMemoryPreferencesStore Preferences { get; } = new();
    public InMemoryOnceStore Once { get; }
    public InMemoryReminderSchedule Schedule { get; } = new();
    public RecordingJobScheduler Jobs { get; } = new();
    public RecordingMessenger Messenger { get; }
    public NudgeOptions NudgeOptions { get; } = new();
    public DeliveryOptions DeliveryOptions { get; } = new();
    public DigestOptions DigestOptions { get; } = new();
    public InMemoryUsageLimiter Limiter { get; } = new();
    public LimitsOptions LimitsOptions { get; } = new();

    /// <summary>Replaces the recording messenger, e.g. with a Moq mock to verify a send happened once.</summary>
    public IChatMessenger? MessengerOverride { get; set; }

    public DateTimeOffset Now => Time.GetUtcNow();

    public PersonClock Clock => new(Preferences, People);
    public NudgePolicy Policy => new(Options.Create(NudgeOptions));
    public WeeklyReminderPlanner Planner => new(Options.Create(DigestOptions));
    public ChatMessengers Messengers => new([MessengerOverride ?? Messenger]);
    public DeliverRequestNotice RequestNotices =>
        new(Requests, Once, Messengers, Options.Create(DeliveryOptions), Time, NullLogger<DeliverRequestNotice>.Instance);
    public RequestFollowUp FollowUp => new(RequestNotices, Messengers, NullLogger<RequestFollowUp>.Instance);

    public PersonLimits Limits => TestLimits.On(Limiter, LimitsOptions, Clock, Time);
    public RequestFeedback RequestFeedback =>
        new(Requests, People, Clock, Policy, RequestNotices, Limits, Options.Create(DeliveryOptions), Time, NullLogger<RequestFeedback>.Instance);
    public GiveFeedback GiveFeedback =>
        new(Feedback, People, Preferences, Requests, Jobs, Limits, Options.Create(DeliveryOptions), Time, NullLogger<GiveFeedback>.Instance);
    public AnswerRequest AnswerRequest => new(Feedback, Requests, FollowUp, NullLogger<AnswerRequest>.Instance);
    public DeclineRequest DeclineRequest => new(Requests, FollowUp, NullLogger<DeclineRequest>.Instance);
    public SnoozeRequest SnoozeRequest => new(Requests, Clock, Policy, Time);
    public PendingOverview Pending => new(Requests, Time);
    public RunNudges RunNudges =>
        new(Requests, Once, Clock, Policy, FollowUp, Messengers, Time, NullLogger<RunNudges>.Instance);

    public DeliverFeedback DeliverFeedback =>
        new(Feedback, Requests, Once, Messengers, AnswerRequest, Options.Create(DeliveryOptions), Time, NullLogger<DeliverFeedback>.Instance);
    public RunOutboxEntry Outbox => new(DeliverFeedback, RequestNotices, RunNudges);

    /// <summary>
    /// One pass of the delivery sweep as every host runs it: takes what is due (feedback, request prompts and
    /// summaries, nudge checks) and runs each entry, logging failures as the dispatcher does; returns the entries
    /// taken. With <paramref name="run"/> false the host "dies" after taking them: nothing runs.
    /// </summary>
    public async Task<IReadOnlyList<string>> SweepAsync(bool run = true)
    {
        var dispatched = new RecordingJobScheduler();
        await new SweepDeliveries(Feedback, Requests, dispatched, Options.Create(DeliveryOptions), Time, NullLogger<SweepDeliveries>.Instance)
            .RunAsync(default);
        var entries = dispatched.Jobs.Select(j => j.Id).ToArray();
        foreach (var entry in entries.Where(_ => run))
        {
            try
            {
                await Outbox.RunAsync(entry, default);
            }
            catch (InvalidOperationException)
            {
                // What the dispatcher does with a run that fails: log it; the stored entry comes back.
            }
        }

        return entries;
    }

    public BuildWeeklyDigest BuildDigest => new(Feedback, Requests, Pending, Options.Create(DigestOptions), Time);
    public PlanWeeklyReminder PlanReminder => new(Clock, Preferences, Schedule, Once, Planner, Time);
    public RunDueReminders RunDueReminders =>
        new(Schedule, PlanReminder, Planner, Clock, Jobs, Options.Create(DigestOptions), Time, NullLogger<RunDueReminders>.Instance);
    public DeliverWeeklyDigest DeliverDigest =>
        new(Clock, Once, Planner, BuildDigest, Messengers, Options.Create(DigestOptions), Time, NullLogger<DeliverWeeklyDigest>.Instance);

    /// <summary>A person with a profile time zone (null = unknown, so UTC).</summary>
    public PersonRef Person(string userId, string? timeZoneId = null) => People.Add(userId, timeZoneId);

    public void SetNow(DateTimeOffset at)
    {
        if (at > Now)
        {
            Time.SetUtcNow(at);
        }
    }

    public async Task<FeedbackRequest> AskAsync(PersonRef requester, string question, params PersonRef[] recipients)
    {
        var result = await RequestFeedback.RequestAsync(new RequestFeedbackCommand(requester, recipients, question), default);
        Assert.True(result.Succeeded, string.Join("; ", result.Problems.Select(p => p.Message)));
        return result.Created!;
    }

    /// <summary>Stores feedback from <paramref name="giver"/> answering <paramref name="request"/>, then records the answer.</summary>
    public async Task<(FeedbackItem Item, AnswerOutcome Outcome)> AnswerAsync(FeedbackRequest request, PersonRef giver, bool anonymous = false)
    {
        var item = Give(giver, request.Requester, "Clear structure, the demo helped a lot.", anonymous: anonymous, requestId: request.Id);
        await Feedback.SaveAsync(item, default);
        return (item, await AnswerRequest.RecordAsync(item.Id, default));
    }

    public FeedbackItem Give(
        PersonRef giver, PersonRef recipient, string text, bool anonymous = false, string? requestId = null,
        DateTimeOffset? at = null, DeliveryStatus delivery = DeliveryStatus.Delivered) =>
        new(Ids.New(Time), giver, recipient, FeedbackContent.FromText(text), FeedbackKind.Praise,
            FeedbackVisibility.Private, anonymous, null, requestId, at ?? Now, delivery);

    /// <summary>
    /// Plays the sweep over the stored nudge schedule up to <paramref name="end"/>: moves the clock to the earliest
    /// planned check, takes it with a lease and runs it, in order, including checks the runs plan themselves;
    /// leaves the clock at <paramref name="end"/>.
    /// </summary>
    public async Task RunNudgeChecksUntilAsync(DateTimeOffset end)
    {
        while (Requests.NudgeSchedule.Values.Where(at => at <= end).Order().FirstOrDefault() is var next && next != default)
        {
            SetNow(next);
            foreach (var check in await Requests.TakeDueNudgeChecksAsync(Now, DeliveryOptions.Lease, 100, default))
            {
                await RunNudges.RunAsync(check, default);
            }
        }

        SetNow(end);
    }

    /// <summary>
    /// Plays the every-minute digest scheduler up to <paramref name="end"/> (jumping straight to the minutes when
    /// something is due) and runs each queued delivery at its not-before time.
    /// </summary>
    public async Task RunDigestsUntilAsync(DateTimeOffset end)
    {
        while (true)
        {
            var due = Schedule.Earliest;
            var queued = Jobs.Digests.Select((d, i) => (d, i)).Where(x => !_ranDigests.Contains(x.i))
                .OrderBy(x => x.d.NotBefore).FirstOrDefault();
            var nextDelivery = queued.d.Person is null ? (DateTimeOffset?)null : queued.d.NotBefore;
            if (nextDelivery is { } deliverAt && deliverAt <= end && (due is null || deliverAt <= due))
            {
                _ranDigests.Add(queued.i);
                SetNow(deliverAt);
                await DeliverDigest.RunAsync(queued.d.Person!, queued.d.WeekKey, default);
                continue;
            }

            if (due is not { } dueAt || dueAt > end)
            {
                break;
            }

            SetNow(dueAt);
            await RunDueReminders.RunAsync(default);
        }

        SetNow(end);
    }

    public IReadOnlyList<DateTimeOffset> NudgeTimes(PersonRef person) =>
        Messenger.Snapshot().Where(s => s.To == person && s.Notice is NudgeNotice).Select(s => s.At).ToArray();

    public static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.Zero);
}
