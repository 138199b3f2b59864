using FeedbackBot.Core.Digest;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Tests.Fakes;
using Moq;
using static FeedbackBot.Core.Tests.Fakes.CoreWorld;

namespace FeedbackBot.Core.Tests.Digest;

public sealed class DeliverWeeklyDigestTests
{
    private readonly CoreWorld _world = new(Utc(2025, 3, 7, 15, 0));
    private readonly Mock<IChatMessenger> _messenger = new();

    public DeliverWeeklyDigestTests()
    {
        _world.DigestOptions.SendWhenEmpty = true;
        _messenger.SetupGet(m => m.Platform).Returns(Platform.Slack);
        _messenger.Setup(m => m.SendAsync(It.IsAny<PersonRef>(), It.IsAny<ChatNotice>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new MessageReceipt("D1", "M1"));
        _world.MessengerOverride = _messenger.Object;
    }

    [Fact]
    public async Task DeliverWeeklyDigest_RunTwiceSendsOnce()
    {
        var ada = _world.Person("UADA");

        var first = await _world.DeliverDigest.RunAsync(ada, "2025-W10", default);
        var second = await _world.DeliverDigest.RunAsync(ada, "2025-W10", default);

        Assert.Equal((DigestOutcome.Sent, DigestOutcome.AlreadyDone), (first, second));
        _messenger.Verify(m => m.SendAsync(ada, It.IsAny<WeeklyDigestNotice>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task DeliverWeeklyDigest_CopiesQueuedByTwoSchedulersSendOnce()
    {
        var ada = _world.Person("UADA");

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => _world.DeliverDigest.RunAsync(ada, "2025-W10", default))));

        _messenger.Verify(m => m.SendAsync(ada, It.IsAny<WeeklyDigestNotice>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task DeliverWeeklyDigest_NextWeekIsSentAgain()
    {
        var ada = _world.Person("UADA");

        await _world.DeliverDigest.RunAsync(ada, "2025-W10", default);
        _world.SetNow(Utc(2025, 3, 14, 15, 0));
        await _world.DeliverDigest.RunAsync(ada, "2025-W11", default);

        _messenger.Verify(m => m.SendAsync(ada, It.IsAny<WeeklyDigestNotice>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task DeliverWeeklyDigest_TransientFailureLetsTheRetrySend()
    {
        var ada = _world.Person("UADA");
        _messenger.SetupSequence(m => m.SendAsync(ada, It.IsAny<ChatNotice>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ChatDeliveryException("ratelimited", permanent: false))
            .ReturnsAsync(new MessageReceipt("D1", "M1"));

        await Assert.ThrowsAsync<ChatDeliveryException>(() => _world.DeliverDigest.RunAsync(ada, "2025-W10", default));
        var retry = await _world.DeliverDigest.RunAsync(ada, "2025-W10", default);

        Assert.Equal(DigestOutcome.Sent, retry);
    }

    [Fact]
    public async Task DeliverWeeklyDigest_NothingToSayAndShortVariantOffSendsNothing()
    {
        _world.DigestOptions.SendWhenEmpty = false;
        var ada = _world.Person("UADA");

        var outcome = await _world.DeliverDigest.RunAsync(ada, "2025-W10", default);

        Assert.Equal(DigestOutcome.NothingToSay, outcome);
        _messenger.Verify(m => m.SendAsync(It.IsAny<PersonRef>(), It.IsAny<ChatNotice>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }
}
