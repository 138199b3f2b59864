using FeedbackBot.Core.Digest;
using FeedbackBot.Core.People;

namespace FeedbackBot.Core.Tests.Digest;

public sealed class DigestSendPacerTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 11, 14, 0, 0, TimeSpan.Zero);
    private static readonly WorkspaceRef Acme = new(Platform.Slack, "T1");
    private static readonly WorkspaceRef Other = new(Platform.Slack, "T2");

    [Fact]
    public void Next_LaterRunWhileEarlierStillSending_ContinuesAfterIt()
    {
        var pacer = new DigestSendPacer();
        var spacing = TimeSpan.FromSeconds(1);
        var firstRun = Enumerable.Range(0, 90).Select(_ => pacer.Next(Acme, Now, spacing)).ToArray();

        // A minute later the first run's 90 digests are not all out: the next one waits its turn.
        var secondRun = pacer.Next(Acme, Now.AddMinutes(1), spacing);

        Assert.Equal(Now.AddSeconds(89), firstRun[^1]);
        Assert.Equal(Now.AddSeconds(90), secondRun);
        Assert.Equal(Now, pacer.Next(Other, Now, spacing));
    }

    [Fact]
    public void Next_AfterIdle_StartsAtNow()
    {
        var pacer = new DigestSendPacer();
        pacer.Next(Acme, Now, TimeSpan.FromSeconds(1));
        Assert.Equal(Now.AddHours(1), pacer.Next(Acme, Now.AddHours(1), TimeSpan.FromSeconds(1)));
    }
}
