using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Requests;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace FeedbackBot.Core.Tests.Feedback;

public sealed class DeliverFeedbackTests
{
    private static readonly PersonRef Giver = new(Platform.Slack, "T1", "UGIVER");
    private static readonly PersonRef Recipient = new(Platform.Slack, "T1", "URECIP");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));
    private readonly Mock<IFeedbackStore> _store = new();
    private readonly Mock<IRequestStore> _requests = new();
    private readonly Mock<IOnceStore> _once = new();
    private readonly Mock<IChatMessenger> _slack = new();
    private FeedbackItem _item;

    public DeliverFeedbackTests()
    {
        _item = new FeedbackItem("f1", Giver, Recipient, FeedbackContent.FromText("Your demo was clear."), FeedbackKind.Praise,
            FeedbackVisibility.Private, Anonymous: true, null, null, _time.GetUtcNow());
        _store.Setup(s => s.GetAsync("f1", It.IsAny<CancellationToken>())).ReturnsAsync(() => _item);
        _store.Setup(s => s.SetDeliveryAsync("f1", It.IsAny<DeliveryStatus>(), It.IsAny<DateTimeOffset>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()))
            .Callback((string _, DeliveryStatus st, DateTimeOffset at, string? err, CancellationToken _) => _item = _item with { Delivery = st, DeliveredAt = at, DeliveryError = err })
            .ReturnsAsync(true);
        var claimed = new HashSet<string>();
        _once.Setup(o => o.TryClaimAsync(It.IsAny<string>(), It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string k, TimeSpan _, CancellationToken _) => claimed.Add(k));
        _once.Setup(o => o.ReleaseAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback((string k, CancellationToken _) => claimed.Remove(k)).Returns(Task.CompletedTask);
        _slack.SetupGet(m => m.Platform).Returns(Platform.Slack);
        _slack.Setup(m => m.SendAsync(It.IsAny<PersonRef>(), It.IsAny<ChatNotice>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new MessageReceipt("D1", "1.0"));
    }

    private DeliverFeedback Sut
    {
        get
        {
            var messengers = new ChatMessengers([_slack.Object]);
            var answers = new AnswerRequest(_store.Object, _requests.Object,
                new RequestFollowUp(_requests.Object, messengers, NullLogger<RequestFollowUp>.Instance), new RequestMetrics(),
                NullLogger<AnswerRequest>.Instance);
            return new(_store.Object, _requests.Object, _once.Object, messengers, answers, _time, NullLogger<DeliverFeedback>.Instance);
        }
    }

    [Fact]
    public async Task Run_TwiceSendsOnceAndConfirmsToGiver()
    {
        Assert.Equal(DeliveryOutcome.Delivered, await Sut.RunAsync("f1", lastAttempt: false, default));
        Assert.Equal(DeliveryOutcome.AlreadyDone, await Sut.RunAsync("f1", lastAttempt: false, default));

        _slack.Verify(m => m.SendAsync(Recipient, It.IsAny<FeedbackReceivedNotice>(), It.IsAny<CancellationToken>()), Times.Once);
        _slack.Verify(m => m.SendAsync(Giver, It.IsAny<FeedbackSentNotice>(), It.IsAny<CancellationToken>()), Times.Once);
        Assert.Equal(DeliveryStatus.Delivered, _item.Delivery);
    }

    [Fact]
    public async Task Run_AnonymousNoticeCarriesNoGiver()
    {
        await Sut.RunAsync("f1", lastAttempt: false, default);

        _slack.Verify(m => m.SendAsync(Recipient, It.Is<FeedbackReceivedNotice>(n => n.From == null), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Run_TransientFailureRethrowsAndRetrySends()
    {
        _slack.SetupSequence(m => m.SendAsync(Recipient, It.IsAny<ChatNotice>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ChatDeliveryException("rate limited", permanent: false))
            .ReturnsAsync(new MessageReceipt("D1", "2.0"));

        await Assert.ThrowsAsync<ChatDeliveryException>(() => Sut.RunAsync("f1", lastAttempt: false, default));
        Assert.Equal(DeliveryStatus.Pending, _item.Delivery);

        Assert.Equal(DeliveryOutcome.Delivered, await Sut.RunAsync("f1", lastAttempt: false, default));
    }

    [Fact]
    public async Task Run_PermanentFailureKeepsFeedbackAndTellsGiver()
    {
        _slack.Setup(m => m.SendAsync(Recipient, It.IsAny<ChatNotice>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ChatDeliveryException("user_not_found", permanent: true));

        Assert.Equal(DeliveryOutcome.Failed, await Sut.RunAsync("f1", lastAttempt: false, default));

        Assert.Equal(DeliveryStatus.Failed, _item.Delivery);
        Assert.Equal("user_not_found", _item.DeliveryError);
        _store.Verify(s => s.SaveAsync(It.IsAny<FeedbackItem>(), It.IsAny<CancellationToken>()), Times.Never);
        _slack.Verify(m => m.SendAsync(Giver, It.Is<FeedbackNotDeliveredNotice>(n => n.FeedbackId == "f1"), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Run_LastAttemptTransientFailureGivesUpAndTellsGiver()
    {
        _slack.Setup(m => m.SendAsync(Recipient, It.IsAny<ChatNotice>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ChatDeliveryException("timeout", permanent: false));

        Assert.Equal(DeliveryOutcome.Failed, await Sut.RunAsync("f1", lastAttempt: true, default));

        _slack.Verify(m => m.SendAsync(Giver, It.IsAny<FeedbackNotDeliveredNotice>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Run_GiverConfirmationFailureStillCountsAsDelivered()
    {
        _slack.Setup(m => m.SendAsync(Giver, It.IsAny<ChatNotice>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ChatDeliveryException("giver gone", permanent: true));

        Assert.Equal(DeliveryOutcome.Delivered, await Sut.RunAsync("f1", lastAttempt: false, default));
        Assert.Equal(DeliveryStatus.Delivered, _item.Delivery);
    }
}
