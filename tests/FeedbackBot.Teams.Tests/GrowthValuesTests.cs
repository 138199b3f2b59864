using System.Text.Json.Nodes;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Ratings;
using FeedbackBot.Teams.Cards;
using FeedbackBot.Teams.Give;
using FeedbackBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using static FeedbackBot.Teams.Tests.TeamsTestHost;

namespace FeedbackBot.Teams.Tests;

/// <summary>
/// Company values (<c>Values:List</c>) on the Teams give form, as on Slack's give modal: offered for praise, checked
/// against the configured list, kept with the recipient only; absent when the list is empty.
/// </summary>
public sealed class GrowthValuesTests
{
    [Fact]
    public async Task Praise_TaggedWithConfiguredValues_KeptWithTheRecipient_UnknownValuesDropped()
    {
        await using var kit = await StartAsync(["Humility", "User focus", "Ownership"]);
        var form = await kit.ActAsync(Ana, GiveOpenAction.Verb, new JsonObject());
        var input = GiveKit.Input(form, GiveCards.ValuesInput);
        Assert.Equal(["Humility", "User focus", "Ownership"], input["choices"]!.AsArray().Select(c => (string?)c!["value"]));
        Assert.Contains(ValuesOptions.FormHint, GiveKit.Text(form));

        var outcome = await kit.ClickAsync(Ana, form, GiveSubmitAction.Verb, Praise("ownership,Evil,User focus"));

        Assert.Contains("on its way", GiveKit.Text(outcome));
        var item = Assert.Single(kit.Host.Feedback.All);
        var tag = Assert.Single(await Tags(kit).ListAsync(Ben.Person, default));
        Assert.Equal(item.Id, tag.FeedbackId);
        Assert.Equal(["Ownership", "User focus"], tag.Values);
        Assert.Empty(await Tags(kit).ListAsync(Ana.Person, default));
    }

    [Fact]
    public async Task SomethingToImprove_IsNeverTagged_AndWithoutAList_TheFormHasNoValues()
    {
        await using (var kit = await StartAsync(["Ownership"]))
        {
            var form = await kit.ActAsync(Ana, GiveOpenAction.Verb, new JsonObject());
            var inputs = Praise("Ownership");
            inputs[GiveCards.KindInput] = nameof(FeedbackKind.Constructive);
            inputs[GiveCards.PartInput(TemplateParts.Text)] = "In Tuesday's demo you rushed the last slides, so the client missed the pricing; slow down there next time.";
            var outcome = await kit.ClickAsync(Ana, form, GiveSubmitAction.Verb, inputs);
            if (GiveKit.Find(outcome, o => (string?)o["verb"] == GiveSendAction.Verb) is not null)
            {
                await kit.ClickAsync(Ana, outcome, GiveSendAction.Verb);
            }

            Assert.Single(kit.Host.Feedback.All);
            Assert.Empty(await Tags(kit).ListAsync(Ben.Person, default));
        }

        await using (var kit = await StartAsync([]))
        {
            var form = await kit.ActAsync(Ana, GiveOpenAction.Verb, new JsonObject());
            Assert.Null(GiveKit.Find(form, o => (string?)o["id"] == GiveCards.ValuesInput));
        }
    }

    private static JsonObject Praise(string values) => new()
    {
        [GiveCards.ToInput] = Ben.Aad,
        [GiveCards.PartInput(TemplateParts.Text)] = GiveKit.GoodPraise,
        [GiveCards.KindInput] = nameof(FeedbackKind.Praise),
        [GiveCards.ValuesInput] = values,
    };

    private static IValueTagStore Tags(GiveKit kit) => kit.Host.Services.GetRequiredService<IValueTagStore>();

    private static async Task<GiveKit> StartAsync(string[] values)
    {
        var kit = await GiveKit.StartGiveAsync(services =>
        {
            services.AddInMemoryDataRights();
            services.Configure<ValuesOptions>(o => o.List = [.. values]);
        });
        await kit.Host.MeetAsync(Ana);
        await kit.Host.MeetAsync(Ben);
        return kit;
    }
}
