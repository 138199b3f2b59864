using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.Requests;
using FeedbackBot.Core.Tests.Fakes;
using static FeedbackBot.Core.Tests.Fakes.CoreWorld;

namespace FeedbackBot.Core.Tests.Requests;

/// <summary>
/// Prompts, summaries and nudge checks survive crashes and platform failures: each is stored with the change
/// that owes it and sent exactly once, from the request use case's fast path or from the sweep.
/// </summary>
public sealed class RequestOutboxTests
{
    private readonly CoreWorld _world = new(Utc(2025, 3, 3, 10, 0));

    private int Prompts(Core.People.PersonRef to) => _world.Messenger.SentTo<FeedbackRequestedNotice>(to).Count();

    [Fact]
    public async Task RequestFeedback_SentPromptsLeaveTheOutbox()
    {
        var ada = _world.Person("UADA");
        var bob = _world.Person("UBOB");

        var request = await _world.AskAsync(ada, "Was the demo clear?", bob);

        Assert.Equal(1, Prompts(bob));
        Assert.Empty(_world.Requests.Outbox);
        var prompt = _world.Requests[request.Id].RecipientFor(bob)!.Prompt!;
        Assert.Equal((SendStatus.Sent, 1), (prompt.Status, prompt.Attempts));
        Assert.StartsWith("slack.", request.Id); // the id names the workspace: one slot, one transaction
    }

    [Fact]
    public async Task RequestFeedback_CrashBeforeThePromptsLeavesThemToTheSweep()
    {
        var ada = _world.Person("UADA");
        var bob = _world.Person("UBOB");
        var cem = _world.Person("UCEM");
        _world.Messenger.Fail = (_, _) => new InvalidOperationException("the host died mid-send");

        var result = await _world.RequestFeedback.RequestAsync(new RequestFeedbackCommand(ada, [bob, cem], "Q?"), default);
        _world.Messenger.Fail = null;

        Assert.True(result.Succeeded); // saved: the requester must not be told otherwise
        Assert.Empty(result.NotReached);
        Assert.Equal(2, _world.Requests.Outbox.Count);
        Assert.Empty(await _world.SweepAsync()); // the fast path's grace is not over
        _world.Time.Advance(_world.DeliveryOptions.SweepGrace);
        Assert.Equal(2, (await _world.SweepAsync()).Count);
        _world.Time.Advance(_world.DeliveryOptions.Lease);
        Assert.Empty(await _world.SweepAsync());
        Assert.Equal((1, 1), (Prompts(bob), Prompts(cem)));
        Assert.Empty(_world.Requests.Outbox);
    }

    [Fact]
    public async Task RequestFeedback_CrashAfterThePlatformPostedIsFoundNotResent()
    {
        var ada = _world.Person("UADA");
        var bob = _world.Person("UBOB");
        _world.Messenger.FailAfterSend = (_, _) => new InvalidOperationException("the host died before recording the send");

        var request = await _world.AskAsync(ada, "Q?", bob);
        _world.Messenger.FailAfterSend = null;
        _world.Time.Advance(_world.DeliveryOptions.SweepGrace);
        await _world.SweepAsync();

        Assert.Equal(1, Prompts(bob));
        Assert.Equal(SendStatus.Sent, _world.Requests[request.Id].RecipientFor(bob)!.Prompt!.Status);
        Assert.Empty(_world.Requests.Outbox);
    }

    [Fact]
    public async Task RequestFeedback_UncertainFailureIsCheckedOnThePlatformBeforeRetrying()
    {
        var ada = _world.Person("UADA");
        var bob = _world.Person("UBOB");
        _world.Messenger.FailAfterSend = (_, n) => n is FeedbackRequestedNotice
            ? new ChatDeliveryException("Slack timed out", permanent: false, maybeSent: true)
            : null;

        var result = await _world.RequestFeedback.RequestAsync(new RequestFeedbackCommand(ada, [bob], "Q?"), default);
        _world.Messenger.FailAfterSend = null;
        _world.Time.Advance(_world.DeliveryOptions.RetryDelay(1));
        await _world.SweepAsync();

        Assert.Empty(result.NotReached); // a retry is pending, not a failure
        Assert.Equal(1, Prompts(bob));
        Assert.Empty(_world.Requests.Outbox);
    }

    [Fact]
    public async Task RequestFeedback_TransientFailuresRetryWithBackoffThenTellTheRequesterOnce()
    {
        _world.DeliveryOptions.MaxAttempts = 3;
        var ada = _world.Person("UADA");
        var bob = _world.Person("UBOB");
        _world.Messenger.Fail = (to, _) => to == bob ? new ChatDeliveryException("Slack is rate limiting us", permanent: false) : null;

        var request = await _world.AskAsync(ada, "Q?", bob);
        var entry = OutboxEntry.ForPrompt(request.Id, bob).ToString();
        Assert.Equal(_world.Now + _world.DeliveryOptions.RetryDelay(1), _world.Requests.Outbox[entry]);
        for (var pass = 0; pass < 5; pass++)
        {
            _world.Time.Advance(TimeSpan.FromHours(1));
            await _world.SweepAsync();
        }

        Assert.Equal(0, Prompts(bob));
        var told = Assert.Single(_world.Messenger.SentTo<RequestNotReachedNotice>(ada));
        Assert.Equal(bob, told.Recipient);
        var prompt = _world.Requests[request.Id].RecipientFor(bob)!;
        Assert.Equal((SendStatus.Failed, 3), (prompt.Prompt!.Status, prompt.Prompt.Attempts));
        Assert.True(prompt.IsOpen); // they can still answer from their pending list
        Assert.Empty(_world.Requests.Outbox);
    }

    [Fact]
    public async Task RequestFeedback_PermanentFailureIsInTheAnswerNotAlsoAMessage()
    {
        var ada = _world.Person("UADA");
        var bob = _world.Person("UBOB");
        _world.Messenger.Fail = (to, _) => to == bob ? new ChatDeliveryException("their account is deactivated", permanent: true) : null;

        var result = await _world.RequestFeedback.RequestAsync(new RequestFeedbackCommand(ada, [bob], "Q?"), default);

        Assert.Equal([bob], result.NotReached);
        Assert.Empty(_world.Messenger.SentTo<RequestNotReachedNotice>(ada));
        Assert.Empty(_world.Requests.Outbox);
    }

    [Fact]
    public async Task Prompt_AnsweredBeforeTheSweepIsNotSent()
    {
        var ada = _world.Person("UADA");
        var bob = _world.Person("UBOB");
        _world.Messenger.Fail = (_, n) => n is FeedbackRequestedNotice ? new InvalidOperationException("host died") : null;
        var request = (await _world.RequestFeedback.RequestAsync(new RequestFeedbackCommand(ada, [bob], "Q?"), default)).Created!;
        _world.Messenger.Fail = null;

        await _world.DeclineRequest.RunAsync(request.Id, bob, "busy", default); // from /feedback pending
        _world.Time.Advance(_world.DeliveryOptions.SweepGrace);
        await _world.SweepAsync();

        Assert.Equal(0, Prompts(bob));
        Assert.Equal(SendStatus.Skipped, _world.Requests[request.Id].RecipientFor(bob)!.Prompt!.Status);
        Assert.Empty(_world.Requests.Outbox);
    }

    [Fact]
    public async Task Summary_PlatformFailureIsRetriedFromTheOutboxExactlyOnce()
    {
        var ada = _world.Person("UADA");
        var bob = _world.Person("UBOB");
        var request = await _world.AskAsync(ada, "Q?", bob);
        _world.Messenger.Fail = (_, n) => n is RequestSummaryNotice ? new ChatDeliveryException("Slack had a problem", permanent: false) : null;

        await _world.DeclineRequest.RunAsync(request.Id, bob, null, default);

        Assert.Equal([OutboxEntry.ForSummary(request.Id).ToString()], _world.Requests.Outbox.Keys);
        _world.Messenger.Fail = null;
        _world.Time.Advance(TimeSpan.FromHours(1));
        await _world.SweepAsync();
        _world.Time.Advance(TimeSpan.FromHours(1));
        await _world.SweepAsync();
        Assert.Single(_world.Messenger.SentTo<RequestSummaryNotice>(ada));
        Assert.True(_world.Requests[request.Id].SummarySent);
        Assert.Empty(_world.Requests.Outbox);
    }

    [Fact]
    public async Task Summary_OwedIsStoredWithTheChangeThatClosesTheRequest()
    {
        var ada = _world.Person("UADA");
        var bob = _world.Person("UBOB");
        var request = await _world.AskAsync(ada, "Q?", bob);

        // The host dies right after the closing write: nothing sent it, but the outbox holds it.
        await _world.Requests.UpdateAsync(request.Id, r => r.WithRecipient(bob, x => x with { Status = RecipientStatus.Declined }), default);
        Assert.Contains(OutboxEntry.ForSummary(request.Id).ToString(), _world.Requests.Outbox.Keys);
        await _world.SweepAsync();

        Assert.Single(_world.Messenger.SentTo<RequestSummaryNotice>(ada));
    }

    [Fact]
    public async Task NudgeChain_CheckTakenByAHostThatDiedComesBackAfterTheLease()
    {
        var ada = _world.Person("UADA");
        var bob = _world.Person("UBOB");
        await _world.AskAsync(ada, "Q?", bob);
        var planned = (await _world.Requests.GetNudgeCheckAsync(bob, default))!.Value;
        _world.SetNow(planned);

        var lost = await _world.SweepAsync(run: false); // taken, then the host was killed
        Assert.Single(lost);
        Assert.Empty(await _world.SweepAsync()); // leased: another host does not run it at the same time
        _world.Time.Advance(_world.DeliveryOptions.Lease);
        await _world.SweepAsync();

        Assert.Equal([planned + _world.DeliveryOptions.Lease], _world.NudgeTimes(bob));
        Assert.NotNull(await _world.Requests.GetNudgeCheckAsync(bob, default)); // the chain goes on (expiry check)
    }

    [Fact]
    public async Task NudgeChain_NewRequestKeepsAnEarlierPlannedCheck()
    {
        var ada = _world.Person("UADA");
        var bob = _world.Person("UBOB");
        await _world.AskAsync(ada, "First?", bob);
        var first = await _world.Requests.GetNudgeCheckAsync(bob, default);
        _world.Time.Advance(TimeSpan.FromHours(2));

        await _world.AskAsync(ada, "Second?", bob);

        Assert.Equal(first, await _world.Requests.GetNudgeCheckAsync(bob, default));
    }
}
