using System.Text.Json.Nodes;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Growth;
using FeedbackBot.Teams.Cards;
using FeedbackBot.Teams.Growth;
using static FeedbackBot.Teams.Tests.TeamsTestHost;

namespace FeedbackBot.Teams.Tests;

/// <summary>
/// <c>review-prep [since]</c> in Teams: Core's summary grouped by theme as a private card, an anonymous giver named
/// nowhere in its JSON, and "Ask for fresh feedback before your review" opening the request form prefilled.
/// </summary>
public sealed class GrowthReviewPrepTests
{
    private const string Praise = "You presented the demo clearly and calmly, and the client signed the next phase.";
    private const string Planning = "Please plan the milestones earlier; the last deadline slipped by a week.";

    [Fact]
    public async Task ReviewPrep_GroupsByTheme_WithCommitments_AndTheAnonymousGiverIsNamedNowhere()
    {
        await using var kit = await GrowthKit.StartAsync();
        var cem = RequestKit.Cem;
        var (_, praised) = await kit.DeliveredAsync(Ana, Ben, Praise, kind: FeedbackKind.Praise);
        var (_, anonymous) = await kit.DeliveredAsync(cem, Ben, GrowthKit.DelegationFeedback, anonymous: true);
        var (_, planning) = await kit.DeliveredAsync(Ana, Ben, Planning);
        await kit.ReflectAsync(Ben, praised, "present the next demo too", "Presenting", CheckInChoice.None);
        await kit.ReflectAsync(Ben, anonymous, "delegate the weekly report", "Delegation", CheckInChoice.OneWeek);
        await kit.ReflectAsync(Ben, planning, "set milestones in week one", "Project planning", CheckInChoice.TwoWeeks);

        await kit.Host.PostAsync(kit.Host.Message(Ben, "review-prep"));

        var card = kit.Host.Connector.PersonalMessages(Ben.Id)[^1].Card!;
        var text = RequestKit.Text(card);
        Assert.Contains(GrowthWords.ReviewPrepTitle, text);
        Assert.Contains("Since 7 Jun 2026", text);
        foreach (var (theme, quote, commitment) in new[]
        {
            ("Presenting", Praise, "present the next demo too — open"),
            ("Delegation", GrowthKit.DelegationFeedback, "delegate the weekly report — open"),
            ("Project planning", Planning, "set milestones in week one — open"),
        })
        {
            // Each theme is one section holding its quote and its commitment.
            var section = GiveKit.Find(card, o => (string?)o["type"] == "Container" && RequestKit.Text(Ac.Card("-", [o.DeepClone()])).Contains(theme, StringComparison.Ordinal));
            Assert.NotNull(section);
            var inSection = RequestKit.Text(Ac.Card("-", [section!.DeepClone()]));
            Assert.Contains(quote, inSection);
            Assert.Contains(commitment, inSection);
        }

        Assert.Contains($" — {Ana.Name}, 7 Dec 2026", text);
        Assert.Contains(" — someone, 7 Dec 2026", text);
        var json = card.ToJsonString();
        Assert.DoesNotContain(cem.Name, json);
        Assert.DoesNotContain(cem.Aad, json);
        Assert.DoesNotContain(cem.Id, json);
        Assert.Equal([FreshFeedbackAction.Verb], RequestKit.Executes(card).Select(b => (string?)b["verb"]));
    }

    [Fact]
    public async Task FreshFeedback_OpensTheRequestForm_WithTheQuestionPrefilled()
    {
        await using var kit = await GrowthKit.StartAsync();
        await kit.Host.PostAsync(kit.Host.Message(Ben, "review-prep 3 months"));
        var summary = kit.Host.Connector.PersonalMessages(Ben.Id)[^1].Card!;
        Assert.Contains("Since 7 Sep 2026", RequestKit.Text(summary));
        Assert.Contains(GrowthWords.ReviewPrepEmpty, RequestKit.Text(summary));

        var form = await kit.ClickAsync(Ben, summary, FreshFeedbackAction.Verb);

        Assert.Equal(GrowthWords.FreshFeedbackQuestion, (string?)RequestKit.Input(form, RequestCards.QuestionInput)["value"]);
        Assert.NotNull(GiveKit.Find(form, o => (string?)o["verb"] == Requests.RequestSubmitAction.Verb));
    }

    [Fact]
    public async Task ReviewPrep_WithAPeriodItCannotRead_SaysSoInert_AndInAChannel_GoesToTheOneOnOne()
    {
        await using var kit = await GrowthKit.StartAsync();
        await kit.Host.PostAsync(kit.Host.Message(Ben, "review-prep **someday**"));
        var unread = kit.Host.Connector.PersonalMessages(Ben.Id)[^1];
        Assert.Contains("I couldn't read “**someday**” as a period. Try review-prep 3 months or review-prep 2026-01-01.", unread.CardText);
        RoutingTests.AssertUserTextOnlyInTextRuns(unread.Card!, "**someday**");

        kit.Host.Connector.AddConversation(GiveKit.Channel);
        var inChannel = kit.Host.Message(Ben, "<at>FeedbackBot</at> review-prep", GiveKit.Channel, "channel",
            new JsonArray(BotMention()));
        await kit.Host.PostAsync(inChannel);

        Assert.Contains(GrowthWords.ReviewPrepTitle, kit.Host.Connector.PersonalMessages(Ben.Id)[^1].CardText);
        var said = Assert.Single(kit.Host.Connector.MessagesIn(GiveKit.Channel));
        Assert.DoesNotContain(GrowthWords.ReviewPrepTitle, said.CardText);
    }
}
