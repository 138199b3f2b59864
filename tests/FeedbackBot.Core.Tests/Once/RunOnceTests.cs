using FeedbackBot.Core;
using FeedbackBot.Core.Ports;
using Moq;

namespace FeedbackBot.Core.Tests.Once;

/// <summary>
/// <see cref="OnceStoreExtensions.RunOnceAsync"/>: the claim / run / keep-or-give-back step every durable
/// once-only piece of work uses (Teams give, request, reflect, ask-the-giver; the weekly digest).
/// </summary>
public sealed class RunOnceTests
{
    private const string Key = "teams:give:d1";
    private static readonly TimeSpan WhileRunning = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan KeepFor = TimeSpan.FromDays(1);

    private readonly Mock<IOnceStore> _once = new(MockBehavior.Strict);
    private int _runs;

    [Fact]
    public async Task Claimed_RunsOnce_AndKeepsTheKey_WhenTheResultCounts()
    {
        Claim(true);
        _once.Setup(o => o.KeepAsync(Key, KeepFor, It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        var (ran, result) = await RunAsync(_ => Task.FromResult("saved"), done: true);

        Assert.Equal((true, "saved", 1), (ran, result, _runs));
        _once.Verify(o => o.KeepAsync(Key, KeepFor, It.IsAny<CancellationToken>()), Times.Once);
        _once.Verify(o => o.ReleaseAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Claimed_GivesTheKeyBack_WhenTheResultDoesNotCount()
    {
        Claim(true);
        _once.Setup(o => o.ReleaseAsync(Key, It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        var (ran, result) = await RunAsync(_ => Task.FromResult("problem"), done: false);

        Assert.Equal((true, "problem"), (ran, result));
        _once.Verify(o => o.ReleaseAsync(Key, It.IsAny<CancellationToken>()), Times.Once);
        _once.Verify(o => o.KeepAsync(It.IsAny<string>(), It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task NotClaimed_SkipsTheWork_AndTouchesNoKey()
    {
        Claim(false);

        var (ran, _) = await RunAsync(_ => Task.FromResult("saved"), done: true);

        Assert.False(ran);
        Assert.Equal(0, _runs);
        _once.VerifyAll();
        _once.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task WorkThrows_GivesTheKeyBack_AndRethrows()
    {
        Claim(true);
        _once.Setup(o => o.ReleaseAsync(Key, It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync(_ => throw new InvalidOperationException("storage down"), done: true));

        Assert.Equal("storage down", thrown.Message);
        _once.Verify(o => o.ReleaseAsync(Key, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task SaveUnconfirmed_KeepsTheKey_AndRethrows()
    {
        // Maybe saved: a replay must not do it a second time.
        Claim(true);
        _once.Setup(o => o.KeepAsync(Key, KeepFor, It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        await Assert.ThrowsAsync<SaveUnconfirmedException>(() => RunAsync(_ => throw new SaveUnconfirmedException(["id1"], new TimeoutException()), done: false));

        _once.Verify(o => o.KeepAsync(Key, KeepFor, It.IsAny<CancellationToken>()), Times.Once);
        _once.Verify(o => o.ReleaseAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task GiveBackFails_TheWorksOwnExceptionStillComesOut()
    {
        Claim(true);
        _once.Setup(o => o.ReleaseAsync(Key, It.IsAny<CancellationToken>())).ThrowsAsync(new TimeoutException("release"));

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync(_ => throw new InvalidOperationException("work"), done: true));

        Assert.Equal("work", thrown.Message);
    }

    [Fact]
    public async Task KeepFails_AfterWorkThatCounted_StillReturnsTheResult()
    {
        // The work is done: storage trouble on the keep must not make the caller say "not saved" (the short claim
        // then simply ends after WhileRunning).
        Claim(true);
        _once.Setup(o => o.KeepAsync(Key, KeepFor, It.IsAny<CancellationToken>())).ThrowsAsync(new TimeoutException("keep"));

        var (ran, result) = await RunAsync(_ => Task.FromResult("saved"), done: true);

        Assert.Equal((true, "saved"), (ran, result));
    }

    private void Claim(bool claimed) =>
        _once.Setup(o => o.TryClaimAsync(Key, WhileRunning, It.IsAny<CancellationToken>())).ReturnsAsync(claimed);

    private Task<(bool Ran, string Result)> RunAsync(Func<CancellationToken, Task<string>> work, bool done) =>
        _once.Object.RunOnceAsync(Key, WhileRunning, KeepFor, ct =>
        {
            _runs++;
            return work(ct);
        }, _ => done, default);
}
