using FeedbackBot.Core.Nudges;
using Microsoft.Extensions.DependencyInjection;
using static FeedbackBot.Slack.Tests.Requests.RequestTestKit;

namespace FeedbackBot.Slack.Tests.Requests;

/// <summary>Core's nudge job run against the Slack messenger and the fake Web API.</summary>
public sealed class NudgeJobTests
{
    private static async Task<DateTimeOffset> PlannedCheckAsync(SlackTestHost host, string user) =>
        await host.Requests().GetNudgeCheckAsync(Person(user), CancellationToken.None) ?? throw new InvalidOperationException($"No nudge check planned for {user}");

    private static async Task<NudgeRunResult> RunNudgesAsync(SlackTestHost host, string user, DateTimeOffset at)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RunNudges>().RunAsync(Person(user), at, CancellationToken.None);
    }

    [Fact]
    public async Task NudgeJob_TwoOpenAsks_OneDmListingBothWithButtons()
    {
        await using var host = await SlackTestHost.StartAsync();
        await host.PostCommandAsync("request <@U2> How was my demo?", user: "U1");
        await host.PostCommandAsync("request <@U2> Is my <b>plan</b> clear?", user: "U3");
        await host.IdleAsync();
        var at = await PlannedCheckAsync(host, "U2");
        host.Time.SetUtcNow(at);
        host.Slack.Clear();

        var result = await RunNudgesAsync(host, "U2", at);

        Assert.Equal(NudgeRunOutcome.Sent, result.Outcome);
        var nudge = Assert.Single(host.Slack.CallsTo("chat.postMessage"));
        Assert.Equal("DU2", nudge.Args["channel"]!.GetValue<string>());
        Assert.Contains("How was my demo?", nudge.Json);
        Assert.Contains("Is my &lt;b&gt;plan&lt;/b&gt; clear?", nudge.Json);
        Assert.Equal(2, nudge.Args["blocks"]!.AsArray().Count(b => b!["type"]!.GetValue<string>() == "actions"));
    }

    [Fact]
    public async Task NudgeJob_PastDue_ExpiresAndSendsRequesterSummary()
    {
        await using var host = await SlackTestHost.StartAsync();
        var request = await host.AskAsync("Any thoughts on the launch?", "U2");
        var after = request.DueAt.AddMinutes(1);
        host.Time.SetUtcNow(after);
        host.Slack.Clear();

        await RunNudgesAsync(host, "U2", after);

        var summary = Assert.Single(host.Slack.MessagesTo("DU1"));
        Assert.Contains("is closed: 0 of 1 answered", summary);
        Assert.Contains("1 didn't answer in time", summary);
    }
}
