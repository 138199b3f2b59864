using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Requests;
using FeedbackBot.Core.Tests.Fakes;
using static FeedbackBot.Core.Tests.Fakes.CoreWorld;

namespace FeedbackBot.Core.Tests.Requests;

public sealed class AnswerDeclineSnoozeTests
{
    private readonly CoreWorld _world = new(Utc(2025, 3, 3, 10, 0));

    [Fact]
    public async Task AnswerRequest_MarksAnsweredAndTellsRequester()
    {
        var (ada, bob, cem, request) = await AdaAsksBobAndCemAsync();
        _world.SetNow(Utc(2025, 3, 4, 16, 30));

        var (item, outcome) = await _world.AnswerAsync(request, bob);

        Assert.Equal(AnswerOutcome.Answered, outcome);
        var bobsPart = _world.Requests[request.Id].RecipientFor(bob)!;
        Assert.Equal((RecipientStatus.Answered, Utc(2025, 3, 4, 16, 30), item.Id), (bobsPart.Status, bobsPart.AnsweredAt, bobsPart.FeedbackId));
        var told = Assert.Single(_world.Messenger.SentTo<RequestAnsweredNotice>(ada));
        Assert.Equal(new RequestAnsweredNotice(request.Id, "How was my talk?", bob, item.Id, new RequestTally(1, 0, 0, 1)), told);
        Assert.Empty(_world.Messenger.SentTo<RequestSummaryNotice>(ada));
    }

    [Fact]
    public async Task AnswerRequest_RecordsTimeToFeedback()
    {
        var ada = _world.Person("UADA");
        var bob = _world.Person("UBOB");
        var request = await _world.AskAsync(ada, "How was my talk?", bob);
        var recorded = new ConcurrentBag<double>(); // other tests record on their own meters in parallel
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "feedbackbot.request.time_to_feedback")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => recorded.Add(value));
        listener.Start();
        _world.SetNow(Utc(2025, 3, 4, 16, 30));

        await _world.AnswerAsync(request, bob);

        Assert.Equal(TimeSpan.FromHours(30.5), _world.Requests[request.Id].TimeToFeedback(bob));
        Assert.Contains(TimeSpan.FromHours(30.5).TotalSeconds, recorded);
    }

    [Fact]
    public async Task AnswerRequest_SummaryOnceWhenEveryoneAnswered()
    {
        var (ada, bob, cem, request) = await AdaAsksBobAndCemAsync();

        await _world.AnswerAsync(request, bob);
        await _world.AnswerAsync(request, cem);
        await _world.AnswerAsync(request, cem); // a second answer from the same person

        var summary = Assert.Single(_world.Messenger.SentTo<RequestSummaryNotice>(ada));
        Assert.Equal(new RequestTally(2, 0, 0, 0), summary.Tally);
        Assert.Equal(2, _world.Messenger.SentTo<RequestAnsweredNotice>(ada).Count());
    }

    [Fact]
    public async Task AnswerRequest_AnonymousAnswerHidesWhoAnsweredAndWhoIsLeft()
    {
        var (ada, bob, cem, request) = await AdaAsksBobAndCemAsync();

        await _world.AnswerAsync(request, bob, anonymous: true);
        var pending = await _world.Pending.GetAsync(ada, default);

        Assert.Null(Assert.Single(_world.Messenger.SentTo<RequestAnsweredNotice>(ada)).AnsweredBy);
        var waiting = Assert.Single(pending.Waiting);
        Assert.Null(waiting.StillPending);
        Assert.Equal(new RequestTally(1, 0, 0, 1), waiting.Tally);
    }

    [Fact]
    public async Task AnswerRequest_IgnoresFeedbackThatIsNotAnAnswer()
    {
        var ada = _world.Person("UADA");
        var bob = _world.Person("UBOB");
        var cem = _world.Person("UCEM");
        var request = await _world.AskAsync(ada, "How was my talk?", bob);

        var toSomeoneElse = _world.Give(bob, cem, "Nice", requestId: request.Id);
        var fromSomeoneNotAsked = _world.Give(cem, ada, "Nice", requestId: request.Id);
        var plain = _world.Give(bob, ada, "Nice");

        Assert.Equal(AnswerOutcome.NotAnAnswer, await _world.AnswerRequest.RecordAsync(toSomeoneElse, default));
        Assert.Equal(AnswerOutcome.NotAnAnswer, await _world.AnswerRequest.RecordAsync(fromSomeoneNotAsked, default));
        Assert.Equal(AnswerOutcome.NotAnAnswer, await _world.AnswerRequest.RecordAsync(plain, default));
        Assert.Equal(AnswerOutcome.Missing, await _world.AnswerRequest.RecordAsync("nope", default));
        Assert.True(_world.Requests[request.Id].RecipientFor(bob)!.IsOpen);
    }

    [Fact]
    public async Task AnswerRequest_LateAnswerAfterExpiryStillCounts()
    {
        var ada = _world.Person("UADA");
        var bob = _world.Person("UBOB");
        var request = await _world.AskAsync(ada, "How was my talk?", bob);
        await _world.RunNudgeChecksUntilAsync(Utc(2025, 3, 7, 10, 0));

        var (_, outcome) = await _world.AnswerAsync(request, bob);

        Assert.Equal(AnswerOutcome.Answered, outcome);
        Assert.Equal(RecipientStatus.Answered, _world.Requests[request.Id].RecipientFor(bob)!.Status);
        Assert.Single(_world.Messenger.SentTo<RequestSummaryNotice>(ada)); // the summary at expiry, not a second one
    }

    [Fact]
    public async Task DeclineRequest_TellsRequesterWithReason()
    {
        var (ada, bob, cem, request) = await AdaAsksBobAndCemAsync();

        var outcome = await _world.DeclineRequest.RunAsync(request.Id, bob, "  I missed the talk  ", default);
        var again = await _world.DeclineRequest.RunAsync(request.Id, bob, null, default);
        var stranger = await _world.DeclineRequest.RunAsync(request.Id, ada, null, default);

        Assert.Equal((RecipientActionOutcome.Done, RecipientActionOutcome.NotPending, RecipientActionOutcome.NotAsked), (outcome, again, stranger));
        Assert.Equal("I missed the talk", _world.Requests[request.Id].RecipientFor(bob)!.DeclineReason);
        var told = Assert.Single(_world.Messenger.SentTo<RequestDeclinedNotice>(ada));
        Assert.Equal(new RequestDeclinedNotice(request.Id, "How was my talk?", bob, "I missed the talk", new RequestTally(0, 1, 0, 1)), told);
        Assert.Empty(_world.Messenger.SentTo<RequestSummaryNotice>(ada));
    }

    [Fact]
    public async Task DeclineRequest_LastOneOutSendsSummary()
    {
        var (ada, bob, cem, request) = await AdaAsksBobAndCemAsync();

        await _world.AnswerAsync(request, bob);
        await _world.DeclineRequest.RunAsync(request.Id, cem, null, default);

        var summary = Assert.Single(_world.Messenger.SentTo<RequestSummaryNotice>(ada));
        Assert.Equal(new RequestTally(1, 1, 0, 0), summary.Tally);
        Assert.Null(Assert.Single(_world.Messenger.SentTo<RequestDeclinedNotice>(ada)).Reason);
    }

    [Fact]
    public async Task SnoozeRequest_OnFridayLastsUntilMondayMorningLocal()
    {
        var world = new CoreWorld(Utc(2025, 3, 7, 10, 0)); // Friday 11:00 in Berlin
        var ada = world.Person("UADA");
        var berta = world.Person("UBERTA", "Europe/Berlin");
        var request = await world.AskAsync(ada, "How was my talk?", berta);

        var result = await world.SnoozeRequest.RunAsync(request.Id, berta, default);

        Assert.Equal(new SnoozeResult(RecipientActionOutcome.Done, Utc(2025, 3, 10, 8, 0)), result); // Mon 09:00 CET
        Assert.Equal(Utc(2025, 3, 10, 8, 0), world.Requests[request.Id].RecipientFor(berta)!.SnoozedUntil);
        Assert.Equal(Utc(2025, 3, 10, 8, 0), await world.Requests.GetNudgeCheckAsync(berta, default));
    }

    [Fact]
    public async Task SnoozeRequest_AnsweredRequestIsNotSnoozed()
    {
        var ada = _world.Person("UADA");
        var bob = _world.Person("UBOB");
        var request = await _world.AskAsync(ada, "How was my talk?", bob);
        await _world.AnswerAsync(request, bob);

        var result = await _world.SnoozeRequest.RunAsync(request.Id, bob, default);

        Assert.Equal(new SnoozeResult(RecipientActionOutcome.NotPending), result);
        Assert.Equal(new SnoozeResult(RecipientActionOutcome.Missing), await _world.SnoozeRequest.RunAsync("nope", bob, default));
    }

    [Fact]
    public async Task PendingOverview_ListsWhatYouOweAndWhatYouWaitFor()
    {
        var ada = _world.Person("UADA");
        var bob = _world.Person("UBOB");
        var cem = _world.Person("UCEM");
        var mine = await _world.AskAsync(ada, "How was my talk?", bob, cem);
        _world.SetNow(Utc(2025, 3, 3, 11, 0));
        var theirs = await _world.AskAsync(bob, "Was my review useful?", ada);
        await _world.AnswerAsync(mine, cem);

        var pending = await _world.Pending.GetAsync(ada, default);

        var owed = Assert.Single(pending.Owed);
        Assert.Equal((theirs.Id, bob, "Was my review useful?"), (owed.RequestId, owed.Requester, owed.Question));
        var waiting = Assert.Single(pending.Waiting);
        Assert.Equal((mine.Id, new RequestTally(1, 0, 0, 1)), (waiting.RequestId, waiting.Tally));
        Assert.Equal([bob], waiting.StillPending!);
    }

    [Fact]
    public async Task PendingOverview_LeavesOutPastDueRequests()
    {
        var ada = _world.Person("UADA");
        var bob = _world.Person("UBOB");
        await _world.AskAsync(ada, "How was my talk?", bob);
        _world.SetNow(Utc(2025, 3, 6, 17, 0)); // due, expiry job not run yet

        Assert.True((await _world.Pending.GetAsync(bob, default)).IsEmpty);
        Assert.True((await _world.Pending.GetAsync(ada, default)).IsEmpty);
    }

    /// <summary>Ada asks Bob and Cem "How was my talk?" (the request most tests here start from).</summary>
    private async Task<(PersonRef Ada, PersonRef Bob, PersonRef Cem, FeedbackRequest Request)> AdaAsksBobAndCemAsync()
    {
        var ada = _world.Person("UADA");
        var bob = _world.Person("UBOB");
        var cem = _world.Person("UCEM");
        return (ada, bob, cem, await _world.AskAsync(ada, "How was my talk?", bob, cem));
    }
}
