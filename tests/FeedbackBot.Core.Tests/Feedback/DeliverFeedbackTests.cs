using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Core.Tests.Feedback;

/// <summary>
/// Exactly-once delivery, counted at the messenger: reruns, transient and "maybe sent" failures, a crash between
/// the send and its record, two runs at once, and the sweeper that finds what a crash left pending.
/// </summary>
public sealed class DeliverFeedbackTests
{
    private readonly CoreWorld _world = new(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));
    private readonly DeliveryOptions _options = new() { MaxAttempts = 3 };
    private readonly PersonRef _giver;
    private readonly PersonRef _recipient;
    private readonly string _id;

    public DeliverFeedbackTests()
    {
        _giver = _world.Person("UGIVER");
        _recipient = _world.Person("URECIP");
        _id = Ids.New(_world.Time, _recipient.Workspace);
        var item = new FeedbackItem(_id, _giver, _recipient, FeedbackContent.FromText("Your demo on Tuesday was clear, so the client signed."),
            FeedbackKind.Praise, FeedbackVisibility.Private, Anonymous: true, null, null, _world.Now);
        _world.Feedback.SaveAsync([item], _world.Now + _options.SweepGrace, default).GetAwaiter().GetResult();
    }

    private DeliverFeedback Sut => new(_world.Feedback, _world.Requests, _world.Once, _world.Messengers, _world.AnswerRequest,
        Options.Create(_options), _world.Time, NullLogger<DeliverFeedback>.Instance);

    private int ReceivedCount => _world.Messenger.SentTo<FeedbackReceivedNotice>(_recipient).Count();

    private FeedbackItem Item => _world.Feedback.All.Single();

    [Fact]
    public async Task Run_TwiceSendsOnceConfirmsToGiverAndLeavesTheOutbox()
    {
        Assert.Equal(DeliveryOutcome.Delivered, await Sut.RunAsync(_id, default));
        Assert.Equal(DeliveryOutcome.AlreadyDone, await Sut.RunAsync(_id, default));

        Assert.Equal(1, ReceivedCount);
        Assert.Single(_world.Messenger.SentTo<FeedbackSentNotice>(_giver));
        Assert.Equal(DeliveryStatus.Delivered, Item.Delivery);
        Assert.Empty(_world.Feedback.Outbox);
    }

    [Fact]
    public async Task Run_AnonymousNoticeCarriesNoGiver()
    {
        await Sut.RunAsync(_id, default);

        Assert.Null(_world.Messenger.SentTo<FeedbackReceivedNotice>(_recipient).Single().From);
    }

    [Fact]
    public async Task Run_TransientFailureStaysPendingWithBackoffAndTheRetrySends()
    {
        _world.Messenger.Fail = (to, _) => to == _recipient ? new ChatDeliveryException("rate limited", permanent: false) : null;

        Assert.Equal(DeliveryOutcome.Retrying, await Sut.RunAsync(_id, default));
        Assert.Equal(DeliveryStatus.Pending, Item.Delivery);
        Assert.Equal(_world.Now + _options.RetryDelay(1), _world.Feedback.Outbox[_id]);

        _world.Messenger.Fail = null;
        Assert.Equal(DeliveryOutcome.Delivered, await Sut.RunAsync(_id, default));
        Assert.Equal(1, ReceivedCount);
    }

    [Fact]
    public async Task Run_MaybeSentFailureIsCheckedOnThePlatformAndNotResent()
    {
        // Slack posted the message, then the answer was a 500 (or never came): the retry must find it, not resend.
        _world.Messenger.FailAfterSend = (to, n) => n is FeedbackReceivedNotice
            ? new ChatDeliveryException("http_500", permanent: false, maybeSent: true) : null;

        Assert.Equal(DeliveryOutcome.Retrying, await Sut.RunAsync(_id, default));
        _world.Messenger.FailAfterSend = null;
        Assert.Equal(DeliveryOutcome.FoundDelivered, await Sut.RunAsync(_id, default));

        Assert.Equal(1, ReceivedCount);
        Assert.Equal(DeliveryStatus.Delivered, Item.Delivery);
        Assert.Single(_world.Messenger.SentTo<FeedbackSentNotice>(_giver));
    }

    [Fact]
    public async Task Run_AfterACrashBetweenSendAndRecordFindsTheMessage()
    {
        // What a kill -9 right after chat.postMessage leaves: the send was recorded as started, the message is
        // there, the item is still pending (and its lease ran out).
        await _world.Feedback.MarkSendingAsync(_id, _world.Now, default);
        await _world.Messenger.SendAsync(_recipient, FeedbackReceivedNotice.For(Item), DeliverFeedback.DeliveryKey(_id), default);

        Assert.Equal(DeliveryOutcome.FoundDelivered, await Sut.RunAsync(_id, default));

        Assert.Equal(1, ReceivedCount);
        Assert.Empty(_world.Feedback.Outbox);
    }

    [Fact]
    public async Task Run_WhileAnotherRunHoldsTheLeaseDoesNothingUntilItExpires()
    {
        Assert.True(await _world.Once.TryClaimAsync($"deliver:{_id}", _options.Lease, default));

        Assert.Equal(DeliveryOutcome.Busy, await Sut.RunAsync(_id, default));
        Assert.Equal(0, ReceivedCount);

        _world.Time.Advance(_options.Lease + TimeSpan.FromSeconds(1));
        Assert.Equal(DeliveryOutcome.Delivered, await Sut.RunAsync(_id, default));
        Assert.Equal(1, ReceivedCount);
    }

    [Fact]
    public async Task Run_PermanentFailureKeepsFeedbackAndTellsGiver()
    {
        _world.Messenger.Fail = (to, _) => to == _recipient ? new ChatDeliveryException("user_not_found", permanent: true) : null;

        Assert.Equal(DeliveryOutcome.Failed, await Sut.RunAsync(_id, default));

        Assert.Equal(DeliveryStatus.Failed, Item.Delivery);
        Assert.Equal("user_not_found", Item.DeliveryError);
        Assert.Empty(_world.Feedback.Outbox);
        Assert.Single(_world.Messenger.SentTo<FeedbackNotDeliveredNotice>(_giver));
    }

    [Fact]
    public async Task Run_TransientFailuresUpToMaxAttemptsGiveUpAndTellGiver()
    {
        _world.Messenger.Fail = (to, _) => to == _recipient ? new ChatDeliveryException("timeout", permanent: false) : null;

        Assert.Equal(DeliveryOutcome.Retrying, await Sut.RunAsync(_id, default));
        Assert.Equal(DeliveryOutcome.Retrying, await Sut.RunAsync(_id, default));
        Assert.Equal(DeliveryOutcome.Failed, await Sut.RunAsync(_id, default));

        Assert.Equal(3, Item.DeliveryAttempts);
        Assert.Single(_world.Messenger.SentTo<FeedbackNotDeliveredNotice>(_giver));
        Assert.Empty(_world.Feedback.Outbox);
    }

    [Fact]
    public async Task Run_GiverConfirmationFailureStillCountsAsDelivered()
    {
        _world.Messenger.Fail = (to, _) => to == _giver ? new ChatDeliveryException("giver gone", permanent: true) : null;

        Assert.Equal(DeliveryOutcome.Delivered, await Sut.RunAsync(_id, default));
        Assert.Equal(DeliveryStatus.Delivered, Item.Delivery);
    }

    [Fact]
    public async Task Sweep_DispatchesOnlyWhatIsDueAndLeasesIt()
    {
        var sweep = new SweepDeliveries(_world.Feedback, _world.Requests, _world.Jobs, Options.Create(_options), _world.Time, NullLogger<SweepDeliveries>.Instance);

        Assert.Equal(0, await sweep.RunAsync(default)); // the fast path still has its grace period
        _world.Time.Advance(_options.SweepGrace);
        Assert.Equal(1, await sweep.RunAsync(default));
        Assert.Equal(0, await sweep.RunAsync(default)); // leased: a second host sweeping now takes nothing
        Assert.Equal([_id], _world.Jobs.Deliveries);

        _world.Time.Advance(_options.Lease);
        Assert.Equal(1, await sweep.RunAsync(default)); // the run it was dispatched to died: it comes back
    }
}
