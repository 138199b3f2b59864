using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.Requests;
using Microsoft.Extensions.DependencyInjection;
using static FeedbackBot.Slack.Tests.Requests.RequestTestKit;

namespace FeedbackBot.Slack.Tests.Requests;

/// <summary>
/// Request prompts through the outbox, end to end: a request through the signed HTTP pipeline, Slack failing the
/// first prompt (answer lost after the post was applied, or refused before it was), then the delivery sweep.
/// Counted at the strict fake: every recipient has exactly one prompt.
/// </summary>
public sealed class RequestOutboxFlowTests
{
    public static TheoryData<string> Failures => ["applied-then-500", "applied-then-timeout", "ratelimited", "internal_error"];

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task FirstPromptFails_SweepLeavesExactlyOnePromptPerRecipient(string failure)
    {
        await using var host = await SlackTestHost.StartAsync(timings: t =>
        {
            // Short enough for the applied-then-timeout case, long enough for a cold fake's first users.info.
            t.CallTimeout = TimeSpan.FromSeconds(1);
            t.MaxRetries = 0;
        });
        switch (failure)
        {
            case "applied-then-500":
                host.Slack.ApplyThenFailNext("chat.postMessage", 500, null, null);
                break;
            case "applied-then-timeout":
                host.Slack.ApplyThenFailNext("chat.postMessage", null, null, TimeSpan.FromSeconds(3));
                break;
            default:
                host.Slack.ErrorNext("chat.postMessage", failure);
                break;
        }

        var body = await SlackTestHost.JsonAsync(await host.PostCommandAsync("request <@U2> <@U3> How was my demo?", user: "U1"));
        await host.IdleAsync();
        var request = Assert.Single(await host.Requests().ListAskedByAsync(Person("U1"), CancellationToken.None));

        // The requester was told who was asked (in the ack, or through response_url when it took longer): a
        // retried prompt is not "not reached".
        var ack = body["text"]?.GetValue<string>() + string.Join("\n", host.Slack.CallsTo("response_url").Select(c => c.Args["text"]?.GetValue<string>()));
        Assert.Contains("I asked <@U2>, <@U3>", ack);
        Assert.DoesNotContain("couldn't reach", ack);

        for (var pass = 0; pass < 3; pass++)
        {
            host.Time.Advance(TimeSpan.FromMinutes(5));
            await host.SweepAsync();
        }

        // Counted in the fake's DMs (what Slack holds), not in the calls (a refused call posts nothing).
        Assert.Single(host.Slack.DmTexts("U2"));
        Assert.Single(host.Slack.DmTexts("U3"));
        Assert.Empty(host.Slack.DmTexts("U1")); // no "could not reach" message to the requester
        var stored = (await host.Requests().GetAsync(request.Id, CancellationToken.None))!;
        Assert.All(stored.Recipients, r => Assert.Equal(SendStatus.Sent, r.Prompt!.Status));
    }

    [Fact]
    public async Task PromptRefusedOnEveryRetry_RequesterIsToldByDmOnce()
    {
        await using var host = await SlackTestHost.StartAsync(timings: t => t.MaxRetries = 0);
        host.Slack.ErrorNext("chat.postMessage", "ratelimited", times: new DeliveryOptions().MaxAttempts);

        await host.PostCommandAsync("request <@U2> How was my demo?", user: "U1");
        await host.IdleAsync();
        for (var pass = 0; pass < 12; pass++)
        {
            host.Time.Advance(TimeSpan.FromHours(1));
            await host.SweepAsync();
        }

        Assert.Empty(host.Slack.DmTexts("U2"));
        Assert.Equal(new DeliveryOptions().MaxAttempts, host.Slack.MessagesTo("DU2").Count()); // attempts, all refused
        var told = Assert.Single(host.Slack.DmTexts("U1"));
        Assert.Contains("couldn't ask <@U2>", told);
        Assert.Contains("How was my demo?", told);
    }
}
