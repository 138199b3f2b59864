using System.Text.Json.Nodes;
using FeedbackBot.Core.Digest;
using FeedbackBot.Core.Ratings;
using FeedbackBot.Slack.Ratings;
using FeedbackBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Slack.Tests.Ratings;

/// <summary>
/// "Was it useful?" through HTTP with the fake Slack: the recipient rates privately and can change it; the giver
/// sees an aggregate in their digest only once three different recipients rated, and never who.
/// </summary>
public sealed class UsefulRatingFlowTests
{
    [Fact]
    public async Task Recipient_RatesHelpful_AddsAReason_ChangesToNotReally_OthersCannotRate()
    {
        await using var host = await SlackTestHost.StartAsync(extraServices: s => s.AddInMemoryDataRights());
        await host.PostCommandAsync("<@U2> your release notes were specific and saved support a day", user: "U1");
        await host.RunDeliveriesAsync();
        var id = host.Feedback.All.Single().Id;
        var delivered = host.Slack.DmMessages("U2").Single();
        var buttons = delivered.Blocks!.Single(b => b!["block_id"]?.GetValue<string>() == UsefulBlocks.BlockId)!["elements"]!.AsArray();
        Assert.Equal(["feedback_useful:yes", "feedback_useful:no"], buttons.Select(b => b!["action_id"]!.GetValue<string>()));
        Assert.All(buttons, b => Assert.Equal(id, b!["value"]!.GetValue<string>()));
        var ratings = (InMemoryRatingStore)host.Services.GetRequiredService<IRatingStore>();

        await host.PostInteractionAsync(Payloads.BlockAction("feedback_useful:yes", id, user: "U2", responseUrl: host.Slack.ResponseUrl("r1")));
        var noted = Assert.Single(await host.Slack.WaitForAsync("response_url"));
        Assert.Contains("*helpful*", noted.Json);
        Assert.False(noted.Args["replace_original"]!.GetValue<bool>());

        await host.PostInteractionAsync(Payloads.BlockAction("feedback_useful_reason:Specific", id, user: "U2", responseUrl: host.Slack.ResponseUrl("r2")));
        var toggled = (await host.Slack.WaitForAsync("response_url", count: 2))[1];
        Assert.True(toggled.Args["replace_original"]!.GetValue<bool>());
        Assert.Contains("✓ specific", toggled.Json);
        Assert.Equal([UsefulReason.Specific], ratings.All.Single().Rating.Reasons);

        await host.PostInteractionAsync(Payloads.BlockAction("feedback_useful:no", id, user: "U2", responseUrl: host.Slack.ResponseUrl("r3")));
        await host.Slack.WaitForAsync("response_url", count: 3);
        var rating = Assert.Single(ratings.All);
        Assert.Equal("slack:T1:U2", rating.Rater.Key);
        Assert.False(rating.Rating.Helpful);
        Assert.Empty(rating.Rating.Reasons);

        // Not the recipient (the giver, or anyone else): told so, nothing stored, no DM to the giver.
        await host.PostInteractionAsync(Payloads.BlockAction("feedback_useful:yes", id, user: "U3", responseUrl: host.Slack.ResponseUrl("r4")));
        var refused = (await host.Slack.WaitForAsync("response_url", count: 4))[3];
        Assert.Contains("Only the person who received", refused.Json);
        Assert.Single(ratings.All);
        Assert.DoesNotContain(host.Slack.DmTexts("U1"), t => t.Contains("helpful", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task GiversDigest_ShowsTheAggregateOnlyWithThreeDistinctRaters_AndNeverWho()
    {
        await using var host = await SlackTestHost.StartAsync(extraServices: s => s.AddInMemoryDataRights());
        await host.PostCommandAsync("<@U2> <@U3> <@U4> thanks for the clear incident write-up, it explained why each step mattered", user: "U1");
        await host.RunDeliveriesAsync();
        var items = host.Feedback.All;
        Assert.Equal(3, items.Count);
        async Task RateAsync(string user, bool helpful, params string[] reasons)
        {
            var id = items.Single(i => i.Recipient.UserId == user).Id;
            var before = host.Slack.CallsTo("response_url").Count;
            await host.PostInteractionAsync(Payloads.BlockAction(helpful ? "feedback_useful:yes" : "feedback_useful:no", id, user: user, responseUrl: host.Slack.ResponseUrl("rate-" + user)));
            foreach (var reason in reasons)
            {
                await host.PostInteractionAsync(Payloads.BlockAction("feedback_useful_reason:" + reason, id, user: user, responseUrl: host.Slack.ResponseUrl($"reason-{user}-{reason}")));
            }

            await host.Slack.WaitForAsync("response_url", count: before + 1 + reasons.Length);
        }

        async Task<DigestOutcome> DigestAsync(string week)
        {
            await using var scope = host.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<DeliverWeeklyDigest>().RunAsync(items[0].Giver, week, CancellationToken.None);
        }

        // Two raters (U2 twice over: rating again does not make a third).
        await RateAsync("U2", true, "Specific");
        await RateAsync("U3", true, "Specific", "ExplainedWhy");
        await RateAsync("U2", true);
        Assert.Equal(DigestOutcome.NothingToSay, await DigestAsync("2026-W01"));
        Assert.DoesNotContain(host.Slack.DmMessages("U1"), m => m.Blocks?.ToJsonString().Contains("usefulness") == true);

        // The third different recipient: the aggregate appears, as counts and a reason only.
        await RateAsync("U4", false);
        Assert.Equal(DigestOutcome.Sent, await DigestAsync("2026-W02"));
        var digest = host.Slack.DmMessages("U1").Single(m => m.Blocks?.ToJsonString().Contains("usefulness") == true);
        var json = digest.Blocks!.ToJsonString();
        Assert.Contains("rated helpful 2 of 3 times; most valued: specific.", json);
        Assert.DoesNotContain("U2", json);
        Assert.DoesNotContain("U3", json);
        Assert.DoesNotContain("U4", json);
        Assert.DoesNotContain(items[0].Id, json);
    }
}
