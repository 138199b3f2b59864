using FeedbackBot.Core.Digest;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.Nudges;
using FeedbackBot.Core.Tests.Fakes;
using FeedbackBot.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using static FeedbackBot.Core.Tests.Fakes.CoreWorld;

namespace FeedbackBot.Core.Tests.Ops;

/// <summary>
/// Work already running when the app is uninstalled from its workspace (Slack's <c>app_uninstalled</c> purges the
/// token; the messenger then fails with <see cref="ChatDeliveryException.WorkspaceGone"/>): a quiet no-op with one
/// information line — not a failed item, not a warning, not work put back in a queue (issue 12).
/// </summary>
public sealed class UninstallRaceTests
{
    private static readonly ChatDeliveryException NotInstalled =
        new("FeedbackBot lost its access to this Slack workspace", permanent: true, workspaceGone: true);

    private readonly CoreWorld _world = new(Utc(2025, 3, 4, 10, 0));

    [Fact]
    public async Task DeliverFeedback_UninstalledWhileRunning_NoOpWithOneInformationLine()
    {
        var (ada, bob) = (_world.Person("UADA"), _world.Person("UBOB"));
        var item = _world.Give(ada, bob, "The release notes were clear.", delivery: DeliveryStatus.Pending);
        await _world.Feedback.SaveAsync([item], _world.Now, default);
        _world.Messenger.Fail = (_, _) => NotInstalled;
        var log = new ListLogger<DeliverFeedback>();
        var deliver = new DeliverFeedback(_world.Feedback, _world.Requests, _world.Once, _world.Messengers, _world.AnswerRequest,
            Options.Create(_world.DeliveryOptions), _world.Time, log);

        var outcome = await deliver.RunAsync(item.Id, default);

        Assert.Equal(DeliveryOutcome.NotInstalled, outcome);
        Assert.Equal(DeliveryStatus.Pending, (await _world.Feedback.GetAsync(item.Id, default))!.Delivery);
        Assert.Empty(_world.Messenger.Snapshot()); // the giver is not told "not delivered" either
        Assert.Equal(LogLevel.Information, Assert.Single(log.Entries).Level);
        // Not back with the next sweeps (a token that stopped working without an uninstall event: once a day).
        Assert.Empty(await _world.Feedback.TakeDueDeliveriesAsync(_world.Now.AddHours(23), TimeSpan.FromMinutes(5), 10, default));
    }

    [Fact]
    public async Task DeliverWeeklyDigest_UninstalledWhileRunning_NoOpAndNoRetry()
    {
        _world.DigestOptions.SendWhenEmpty = true;
        var ada = _world.Person("UADA");
        _world.Messenger.Fail = (_, _) => NotInstalled;
        var log = new ListLogger<DeliverWeeklyDigest>();
        var deliver = new DeliverWeeklyDigest(_world.Clock, _world.Once, _world.Planner, _world.BuildDigest, _world.Messengers, Options.Create(_world.DigestOptions), _world.Time, log);

        var first = await deliver.RunAsync(ada, "2025-W10", default);
        var retry = await deliver.RunAsync(ada, "2025-W10", default);

        Assert.Equal((DigestOutcome.NotReached, DigestOutcome.AlreadyDone), (first, retry));
        Assert.Equal(LogLevel.Information, Assert.Single(log.Entries).Level);
    }

    [Fact]
    public async Task RunNudges_UninstalledWhileRunning_NoNextCheckPlanned()
    {
        var (ada, bob) = (_world.Person("UADA"), _world.Person("UBOB"));
        await _world.AskAsync(ada, "How did my demo land?", bob);
        _world.Messenger.Fail = (_, notice) => notice is NudgeNotice ? NotInstalled : null;

        await _world.RunNudgeChecksUntilAsync(_world.Now + _world.NudgeOptions.FirstNudgeDelay + TimeSpan.FromHours(1));

        Assert.Empty(_world.Messenger.SentTo<NudgeNotice>(bob));
        Assert.False(_world.Requests.NudgeSchedule.ContainsKey(bob)); // the uninstall's dropped schedule stays dropped
    }
}
