using System.Text.Json.Nodes;
using FeedbackBot.Core.Ratings;
using FeedbackBot.Slack.Give;
using FeedbackBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Slack.Tests.Ratings;

/// <summary>Company values (<c>Values:List</c>): offered in the Give modal when set, tagged on praise, shown to the recipient only.</summary>
public sealed class ValuesFlowTests
{
    [Fact]
    public async Task GiveModal_OffersTheValues_TagsPraise_RecipientSeesThemInTheInbox()
    {
        await using var host = await SlackTestHost.StartAsync(extraServices: s => s.Configure<ValuesOptions>(o => o.List = ["Ownership", "User focus", " ", "ownership"]));

        await host.PostCommandAsync("", user: "U1", triggerId: "t-open");
        var open = Assert.Single(await host.Slack.WaitForAsync("views.open"));
        var block = open.View!["blocks"]!.AsArray().Single(b => b!["block_id"]?.GetValue<string>() == GiveModal.ValuesBlock)!;
        Assert.Equal(["Ownership", "User focus"], block["element"]!["options"]!.AsArray().Select(o => o!["value"]!.GetValue<string>()));

        var view = Payloads.GiveView(["U2"], "You owned the outage review end to end and wrote the follow-ups the same day");
        view["state"]!["values"]![GiveModal.ValuesBlock] = new JsonObject
        {
            [GiveModal.ValuesAction] = new JsonObject
            {
                ["type"] = "checkboxes",
                ["selected_options"] = new JsonArray(new JsonObject { ["value"] = "Ownership" }, new JsonObject { ["value"] = "Leaderboard" }),
            },
        };
        Assert.Equal("", await (await host.PostInteractionAsync(Payloads.ViewSubmission(view, user: "U1"))).Content.ReadAsStringAsync());
        await host.IdleAsync();

        // Only configured values are kept; the tag names no giver.
        var tags = await host.Services.GetRequiredService<IValueTagStore>().ListAsync(host.Feedback.All.Single().Recipient, default);
        Assert.Equal(["Ownership"], Assert.Single(tags).Values);

        var inbox = await SlackTestHost.JsonAsync(await host.PostCommandAsync("inbox", user: "U2"));
        var contexts = inbox["blocks"]!.AsArray().Where(b => b!["type"]!.GetValue<string>() == "context").Select(b => b!["elements"]![0]!["text"]!.GetValue<string>());
        Assert.Contains(":gem: Values colleagues recognised in you: *Ownership* ×1", contexts);
        var giversInbox = await SlackTestHost.JsonAsync(await host.PostCommandAsync("inbox", user: "U1"));
        Assert.DoesNotContain("Values colleagues", giversInbox.ToJsonString());
    }

    [Fact]
    public async Task WithoutValues_TheModalHasNoValuesBlock()
    {
        await using var host = await SlackTestHost.StartAsync();

        await host.PostCommandAsync("", user: "U1", triggerId: "t-open");

        var open = Assert.Single(await host.Slack.WaitForAsync("views.open"));
        Assert.DoesNotContain(open.View!["blocks"]!.AsArray(), b => b!["block_id"]?.GetValue<string>() == GiveModal.ValuesBlock);
    }
}
