using FeedbackBot.Core.Feedback;

namespace FeedbackBot.Slack.Tests;

/// <summary>
/// Issue 10 #2 end to end: Slack applied the post but the answer was lost (500, <c>internal_error</c>, or no answer
/// before the client's timeout). Core's delivery retries, asks Slack (conversations.history, by the message's
/// metadata key) and finds the message instead of posting it again. Counted at the strict fake: one DM.
/// </summary>
public sealed class ExactlyOnceDeliveryTests
{
    public static TheoryData<int?, string?, bool> LostAnswers => new()
    {
        { 500, null, false },
        { null, "internal_error", false },
        { null, null, true }, // no answer before the client's timeout
    };

    [Theory]
    [MemberData(nameof(LostAnswers))]
    public async Task PostAppliedThenAnswerLost_RecipientHasExactlyOneMessage(int? status, string? error, bool timeout)
    {
        await using var host = await SlackTestHost.StartAsync(timings: t => t.CallTimeout = TimeSpan.FromMilliseconds(300));
        await host.PostCommandAsync("<@U2> thanks for walking me through the rollback plan on Tuesday, it saved us an hour");
        host.Slack.ApplyThenFailNext("chat.postMessage", status, error, timeout ? TimeSpan.FromSeconds(2) : null);

        Assert.Equal([DeliveryOutcome.Retrying], await host.RunDeliveriesAsync());
        var id = Assert.Single(host.Feedback.All).Id;
        host.Jobs.Dispatch(id); // the sweeper's second run
        Assert.Equal([DeliveryOutcome.FoundDelivered], await host.RunDeliveriesAsync());

        Assert.Single(host.Slack.DmTexts("U2"));
        Assert.Equal(DeliveryStatus.Delivered, host.Feedback.All.Single().Delivery);
        Assert.Single(host.Slack.CallsTo("conversations.history"));
    }

    [Fact]
    public async Task PostNeverApplied_RetryPostsOnce()
    {
        await using var host = await SlackTestHost.StartAsync(timings: t => t.MaxRetries = 0);
        await host.PostCommandAsync("<@U2> thanks for walking me through the rollback plan on Tuesday, it saved us an hour");
        host.Slack.ErrorNext("chat.postMessage", "ratelimited");

        Assert.Equal([DeliveryOutcome.Retrying], await host.RunDeliveriesAsync());
        host.Jobs.Dispatch(host.Feedback.All.Single().Id);
        Assert.Equal([DeliveryOutcome.Delivered], await host.RunDeliveriesAsync());

        Assert.Single(host.Slack.DmTexts("U2"));
    }
}
