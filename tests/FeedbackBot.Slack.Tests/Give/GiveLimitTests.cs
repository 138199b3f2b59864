using FeedbackBot.Core.Limits;
using FeedbackBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Slack.Tests.Give;

/// <summary>The per-person limit as the giver meets it in Slack: a friendly private answer, nothing stored.</summary>
public sealed class GiveLimitTests
{
    [Fact]
    public async Task QuickGive_OverTheHourlyLimit_EphemeralSaysWhenInGiversZone_StoresNothing()
    {
        await using var host = await SlackTestHost.StartAsync(
            configure: h => h.MockCoach(), // the limit, not the coach, is under test
            now: new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero),
            extraServices: s =>
            {
                s.AddSingleton<IUsageLimiter>(new InMemoryUsageLimiter());
                s.Configure<LimitsOptions>(o => o.FeedbackPerHour = 2);
            });
        host.Slack.SetUser("U1", tz: "America/New_York", name: "Una");
        await host.PostCommandAsync("<@U2> your talk on Monday was clear, which helped the client decide");
        await host.PostCommandAsync("<@U2> your review on Friday caught the bug early, which saved a release");

        var body = await SlackTestHost.JsonAsync(await host.PostCommandAsync("<@U2> your notes on Tuesday were precise, which helped me prepare"));

        Assert.Equal("ephemeral", body["response_type"]!.GetValue<string>());
        // 09:00 UTC + 1 h = 10:00 UTC, 05:00 in New York on 30 November.
        Assert.Contains("You can send again today at 05:00 (America/New_York)", body["text"]!.GetValue<string>());
        Assert.Equal(2, host.Feedback.All.Count);
    }
}
