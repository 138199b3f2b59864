using FeedbackBot.Core.Feedback;
using FeedbackBot.Slack.Coaching;
using Moq;

namespace FeedbackBot.Slack.Tests;

/// <summary>
/// Issue 10 #6: on_character_entered fires on every keystroke and views.update is Tier 4, so the live coach keeps
/// the latest keystroke only, with one update in flight per view, and drops a rate-limited update.
/// </summary>
public sealed class LiveCoachTests
{
    [Fact]
    public async Task ThirtyKeystrokes_WhileSlackIsSlow_FewUpdatesAndTheLastShowsTheLatestText()
    {
        // A mock: the tip must name the exact draft it was computed for, to show the last update saw the last keystroke.
        await using var host = await SlackTestHost.StartAsync(h => h.MockCoach()
            .Setup(c => c.Review(It.IsAny<FeedbackContent>(), It.IsAny<FeedbackKind>(), It.IsAny<string?>()))
            .Returns((FeedbackContent f, FeedbackKind _, string? _) => new DraftAdvice(true, ["Tip for " + f.PlainText])));
        host.Slack.Delay("views.update", TimeSpan.FromMilliseconds(300));

        for (var i = 1; i <= 30; i++)
        {
            var view = Payloads.GiveView(["U2"], "draft " + i, viewId: "V1");
            await host.PostInteractionAsync(Payloads.BlockAction("give_part:text", view: view));
        }

        await host.IdleAsync();
        var updates = host.Slack.CallsTo("views.update");
        Assert.InRange(updates.Count, 1, 10);
        Assert.Contains("Tip for draft 30", updates[^1].Json);
    }

    [Fact]
    public async Task RateLimitedUpdate_IsDroppedNotRetried()
    {
        // The real coach has advice for a bare "good", so the keystroke asks for an update.
        await using var host = await SlackTestHost.StartAsync();
        host.Slack.FailNext("views.update", 429, times: 5, retryAfter: "30");

        await host.PostInteractionAsync(Payloads.BlockAction("give_part:text", view: Payloads.GiveView(["U2"], "good", viewId: "V1")));

        await host.IdleAsync();
        Assert.Single(host.Slack.CallsTo("views.update"));
    }
}
