using FeedbackBot.Core.Coaching;
using FeedbackBot.Core.Digest;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Insights;
using FeedbackBot.Core.Nudges;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Requests;
using FeedbackBot.Core.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using static FeedbackBot.Core.Tests.Fakes.CoreWorld;

namespace FeedbackBot.Core.Tests.Insights;

/// <summary>Core's use cases report to insights through <see cref="IInsightsRecorder"/>, and what the recorder stores.</summary>
public sealed class InsightsRecordingTests
{
    // A text the coach finds specific, with a why and a next step.
    private const string GoodText = "In Tuesday's demo your rollback plan calmed the client, which saved the deal. Next time, share it before the call.";

    private readonly CoreWorld _world = new(Utc(2026, 11, 23, 9)); // a Monday
    private readonly InMemoryInsightsStore _store = new();

    private InsightsRecorder Recorder => new(_store, new FeedbackCoach(_world.Time), _world.Time, NullLogger<InsightsRecorder>.Instance);

    [Fact]
    public async Task Give_RecordsGivenAndReceived_AndOneCoachReviewPerGive()
    {
        var (ada, bea, cem) = (_world.Person("UADA"), _world.Person("UBEA"), _world.Person("UCEM"));

        var result = await Give(Recorder).GiveAsync(new GiveFeedbackCommand(ada, [bea, cem], FeedbackContent.FromText(GoodText), FeedbackKind.Constructive), default);

        Assert.True(result.Succeeded);
        Assert.Equal(2, _store.Count(ada, InsightsMeasures.Given, _world.Now));
        Assert.Equal(1, _store.Count(bea, InsightsMeasures.Received, _world.Now));
        Assert.Equal(1, _store.Count(cem, InsightsMeasures.Received, _world.Now));
        // Two recipients, one piece of writing: the coach's verdicts count once.
        Assert.Equal(1, _store.Count(ada, InsightsMeasures.CoachApplies(CoachCriteria.Specific), _world.Now));
        Assert.Equal(1, _store.Count(ada, InsightsMeasures.CoachMet(CoachCriteria.Specific), _world.Now));
        var entries = await _store.ReadWeekAsync(ada.Workspace, InsightsWeek.Of(_world.Now), default);
        Assert.DoesNotContain(entries, e => e.Measure.Contains("rollback") || (e.Sample ?? "").Contains("rollback"));
    }

    [Fact]
    public async Task Give_StoresOneCoachVerdictOnEachItem_AndInsightsCountTheStoredVerdict()
    {
        var (ada, bea, cem) = (_world.Person("UADA"), _world.Person("UBEA"), _world.Person("UCEM"));

        var result = await Give(Recorder).GiveAsync(new GiveFeedbackCommand(ada, [bea, cem], FeedbackContent.FromText(GoodText), FeedbackKind.Constructive), default);

        var stored = await Task.WhenAll(result.Created.Select(i => _world.Feedback.GetAsync(i.Id, default)));
        Assert.All(stored, i => Assert.Equal(Verdict.Met, i!.Coach!.Specific));
        Assert.Equal(stored[0]!.Coach, stored[1]!.Coach);

        // A stored verdict is what counts: the text is not reviewed again (this one says "not specific" on purpose).
        var item = _world.Give(ada, bea, GoodText) with { Coach = stored[0]!.Coach! with { Specific = Verdict.Missing } };
        await Recorder.FeedbackGivenAsync([item], default);
        Assert.Equal(2, _store.Count(ada, InsightsMeasures.CoachApplies(CoachCriteria.Specific), _world.Now));
        Assert.Equal(1, _store.Count(ada, InsightsMeasures.CoachMet(CoachCriteria.Specific), _world.Now));
    }

    [Fact]
    public async Task Give_StorageOfCountsFails_TheGiveStillSucceeds()
    {
        var failing = new Mock<IInsightsStore>();
        failing.Setup(s => s.AddAsync(It.IsAny<IReadOnlyList<InsightsFact>>(), It.IsAny<CancellationToken>())).ThrowsAsync(new TimeoutException("redis"));
        var recorder = new InsightsRecorder(failing.Object, new FeedbackCoach(_world.Time), _world.Time, NullLogger<InsightsRecorder>.Instance);
        var (ada, bea) = (_world.Person("UADA"), _world.Person("UBEA"));

        var result = await Give(recorder).GiveAsync(new GiveFeedbackCommand(ada, [bea], FeedbackContent.FromText(GoodText), FeedbackKind.Praise), default);

        Assert.True(result.Succeeded);
        Assert.NotNull(await _world.Feedback.GetAsync(result.Created[0].Id, default));
        failing.Verify(s => s.AddAsync(It.IsAny<IReadOnlyList<InsightsFact>>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task RequestNudgeAnswer_RecordsAskedAnsweredTimeToFeedback_AndTheNudgeThatLedToIt()
    {
        var (ada, bea) = (_world.Person("UADA"), _world.Person("UBEA"));
        var request = (await Request(Recorder).RequestAsync(new RequestFeedbackCommand(ada, [bea], "How did my demo go?"), default)).Created!;
        var askedAt = _world.Now;

        // The first nudge comes a day later; Bea answers two hours after it.
        var nudgedAt = await RunNudgeChecksAsync(Recorder, bea, askedAt.AddDays(3));
        _world.SetNow(nudgedAt.AddHours(2));
        var item = _world.Give(bea, ada, GoodText, requestId: request.Id);
        await _world.Feedback.SaveAsync(item, default);
        Assert.Equal(AnswerOutcome.Answered, await Answer(Recorder).RecordAsync(item.Id, default));

        Assert.Equal(1, _store.Count(bea, InsightsMeasures.Asked, askedAt));
        Assert.Equal(1, _store.Count(bea, InsightsMeasures.Answered, askedAt));
        Assert.Equal(1, _store.Count(bea, InsightsMeasures.Nudged, nudgedAt));
        Assert.Equal(1, _store.Count(bea, InsightsMeasures.NudgeAnswered, nudgedAt));
        var ttf = (await _store.ReadWeekAsync(bea.Workspace, InsightsWeek.Of(askedAt), default)).Single(e => e.Measure == InsightsMeasures.TimeToFeedback);
        Assert.Equal((long)(item.CreatedAt - request.CreatedAt).TotalSeconds, ttf.Value);
        Assert.Equal(request.Id, ttf.Sample);
    }

    [Fact]
    public async Task AnswerLaterThan24HoursAfterTheNudge_IsNotCountedAsFollowingIt()
    {
        var (ada, bea) = (_world.Person("UADA"), _world.Person("UBEA"));
        var request = (await Request(Recorder).RequestAsync(new RequestFeedbackCommand(ada, [bea], "How did my demo go?"), default)).Created!;
        var nudgedAt = await RunNudgeChecksAsync(Recorder, bea, _world.Now.AddDays(2));
        _world.SetNow(nudgedAt.AddHours(25));
        var item = _world.Give(bea, ada, GoodText, requestId: request.Id);
        await _world.Feedback.SaveAsync(item, default);

        await Answer(Recorder).RecordAsync(item.Id, default);

        Assert.Equal(1, _store.Count(bea, InsightsMeasures.Nudged, nudgedAt));
        Assert.Equal(0, _store.Count(bea, InsightsMeasures.NudgeAnswered, nudgedAt));
    }

    [Fact]
    public async Task AnswerRecordedTwice_IsReportedToInsightsOnce()
    {
        var recorder = new Mock<IInsightsRecorder>();
        var (ada, bea) = (_world.Person("UADA"), _world.Person("UBEA"));
        var request = await _world.AskAsync(ada, "How did my demo go?", bea);
        var item = _world.Give(bea, ada, GoodText, requestId: request.Id);
        await _world.Feedback.SaveAsync(item, default);

        await Answer(recorder.Object).RecordAsync(item.Id, default);
        await Answer(recorder.Object).RecordAsync(item.Id, default);

        recorder.Verify(r => r.AnsweredAsync(It.Is<FeedbackRequest>(q => q.Id == request.Id), bea, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task DigestSnoozeAndTurnOff_AreReported()
    {
        var recorder = new Mock<IInsightsRecorder>();
        var ada = _world.Person("UADA", "Europe/Berlin");
        var plan = new PlanWeeklyReminder(_world.Clock, _world.Preferences, _world.Schedule, _world.Once, _world.Planner, _world.Time, recorder.Object);

        await plan.SnoozeThisWeekAsync(ada, default);
        await plan.TurnOffAsync(ada, default);
        await plan.SnoozeThisWeekAsync(ada, default); // off: nothing to snooze, nothing pressed that counts

        recorder.Verify(r => r.DigestActionAsync(ada, DigestAction.Snooze, It.IsAny<CancellationToken>()), Times.Once);
        recorder.Verify(r => r.DigestActionAsync(ada, DigestAction.TurnOff, It.IsAny<CancellationToken>()), Times.Once);
    }

    private GiveFeedback Give(IInsightsRecorder recorder) =>
        new(_world.Feedback, _world.People, _world.Preferences, _world.Requests, _world.Jobs, _world.Limits,
            Options.Create(_world.DeliveryOptions), _world.Time, NullLogger<GiveFeedback>.Instance, recorder, new FeedbackCoach(_world.Time));

    private RequestFeedback Request(IInsightsRecorder recorder) =>
        new(_world.Requests, _world.People, _world.Clock, _world.Policy, _world.RequestNotices, _world.Limits,
            Options.Create(_world.DeliveryOptions), _world.Time, NullLogger<RequestFeedback>.Instance, recorder);

    private AnswerRequest Answer(IInsightsRecorder recorder) =>
        new(_world.Feedback, _world.Requests, _world.FollowUp, NullLogger<AnswerRequest>.Instance, recorder);

    // The sweep over the nudge schedule, with a RunNudges that reports to insights; returns when the first nudge went out.
    private async Task<DateTimeOffset> RunNudgeChecksAsync(IInsightsRecorder recorder, PersonRef person, DateTimeOffset end)
    {
        var nudges = new RunNudges(_world.Requests, _world.Once, _world.Clock, _world.Policy, _world.FollowUp, _world.Messengers,
            _world.Time, NullLogger<RunNudges>.Instance, recorder);
        while (_world.NudgeTimes(person).Count == 0 && await _world.Requests.GetNudgeCheckAsync(person, default) is { } next && next <= end)
        {
            _world.SetNow(next);
            foreach (var check in await _world.Requests.TakeDueNudgeChecksAsync(_world.Now, _world.DeliveryOptions.Lease, 100, default))
            {
                await nudges.RunAsync(check, default);
            }
        }

        return Assert.Single(_world.NudgeTimes(person));
    }
}
