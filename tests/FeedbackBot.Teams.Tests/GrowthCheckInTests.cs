using System.Text.Json.Nodes;
using FeedbackBot.Core.Growth;
using FeedbackBot.Core.Ports;
using FeedbackBot.Teams.Cards;
using FeedbackBot.Teams.Growth;
using FeedbackBot.Testing.Teams;
using Microsoft.Extensions.DependencyInjection;
using static FeedbackBot.Teams.Tests.TeamsTestHost;

namespace FeedbackBot.Teams.Tests;

/// <summary>
/// Check-ins in Teams: Core's recurring <see cref="RunCheckIns"/> job (the same as Slack's) sends the card through the
/// Teams messenger at the planned time, once; its buttons answer by updating the card: Going well / Not yet (re-planned)
/// / Done record the outcome, "Ask {giver} how it looks now" becomes a request to the giver linked to the commitment,
/// and an anonymous giver is neither named nor askable.
/// </summary>
public sealed class GrowthCheckInTests
{
    private static readonly DateTimeOffset WeekLater = new(2026, 12, 14, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task CheckIn_ArrivesAtItsTime_ThroughCoresJob_WithItsFourButtons_Once()
    {
        await using var kit = await GrowthKit.StartAsync();
        var (_, delivered) = await kit.DeliveredAsync(Ana, Ben, GrowthKit.DelegationFeedback);
        var commitment = await kit.ReflectAsync(Ben, delivered, GiveKit.Hostile, "Delegation", CheckInChoice.OneWeek);
        Assert.Equal(WeekLater, commitment.CheckInAt);
        var before = kit.Host.Connector.PersonalMessages(Ben.Id).Count;

        Assert.Equal(0, await kit.RunCheckInsAsync());
        kit.Time.SetUtcNow(WeekLater);
        Assert.Equal(1, await kit.RunCheckInsAsync());
        Assert.Equal(0, await kit.RunCheckInsAsync());

        var messages = kit.Host.Connector.PersonalMessages(Ben.Id);
        Assert.Equal(before + 1, messages.Count);
        var card = messages[^1].Card!;
        Assert.Contains($"A week ago you planned to “{GiveKit.Hostile}”. How is it going?", RequestKit.Text(card));
        RoutingTests.AssertUserTextOnlyInTextRuns(card, GiveKit.Hostile);
        Assert.Contains(Ana.Name, RequestKit.Text(card));
        Assert.Equal(
            [(CheckInOutcomeAction.Verb, GrowthWords.GoingWellButton), (CheckInOutcomeAction.Verb, GrowthWords.NotYetButton),
             (AskGiverOpenAction.Verb, $"Ask {Ana.Name} how it looks now"), (CheckInOutcomeAction.Verb, GrowthWords.DoneButton)],
            RequestKit.Executes(card).Select(b => ((string)b["verb"]!, (string)b["title"]!)));
        Assert.All(RequestKit.Executes(card), b => Assert.Equal(commitment.Id, (string?)b["data"]![GrowthCards.CommitmentIdKey]));
    }

    [Fact]
    public async Task NotYet_RecordsIt_AndChecksInAgainAWeekLater()
    {
        await using var kit = await GrowthKit.StartAsync();
        var (checkIn, commitment) = await CheckedInAsync(kit, Ana);

        var replaced = await kit.ClickAsync(Ben, checkIn.Card!, CheckInOutcomeAction.Verb, which: Outcome(CommitmentOutcome.NotYet), replyToId: checkIn.ActivityId);

        var stored = Assert.Single(kit.Growth.All);
        Assert.Equal(CommitmentOutcome.NotYet, stored.Outcome);
        var next = new DateTimeOffset(2026, 12, 21, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal(next, stored.CheckInAt);
        Assert.Contains($"Not yet: “{commitment.Text}”. No problem — I'll check in again on Mon 21 Dec at 09:00 (UTC).", RequestKit.Text(replaced));
        Assert.Empty(RequestKit.Executes(replaced));

        var count = kit.Host.Connector.PersonalMessages(Ben.Id).Count;
        kit.Time.SetUtcNow(next);
        Assert.Equal(1, await kit.RunCheckInsAsync());
        Assert.Equal(count + 1, kit.Host.Connector.PersonalMessages(Ben.Id).Count);
        Assert.Contains("How is it going?", kit.Host.Connector.PersonalMessages(Ben.Id)[^1].CardText);
    }

    [Theory]
    [InlineData(CommitmentOutcome.Done, "Noted, well done.")]
    [InlineData(CommitmentOutcome.GoingWell, "Nice — noted.")]
    public async Task DoneAndGoingWell_AreRecorded_WithNoFurtherCheckIn_OnlyByTheOwner(CommitmentOutcome outcome, string noted)
    {
        await using var kit = await GrowthKit.StartAsync();
        var (checkIn, _) = await CheckedInAsync(kit, Ana);

        var byGiver = await kit.MessageAsync(Ana, CheckInOutcomeAction.Verb, GiveKit.Data(checkIn.Card!, CheckInOutcomeAction.Verb, which: Outcome(outcome)));
        Assert.Equal(GrowthResult.Describe(GrowthProblem.NotFound), byGiver);
        Assert.Equal(CommitmentOutcome.Open, Assert.Single(kit.Growth.All).Outcome);

        var replaced = await kit.ClickAsync(Ben, checkIn.Card!, CheckInOutcomeAction.Verb, which: Outcome(outcome));

        var stored = Assert.Single(kit.Growth.All);
        Assert.Equal(outcome, stored.Outcome);
        Assert.Null(stored.CheckInAt);
        Assert.Empty(kit.Growth.Schedule);
        Assert.Contains(noted, RequestKit.Text(replaced));
    }

    [Fact]
    public async Task AskTheGiver_CreatesOneRequestToThem_LinkedToTheCommitment_AndUpdatesTheCardInPlace()
    {
        await using var kit = await GrowthKit.StartAsync();
        var (checkIn, commitment) = await CheckedInAsync(kit, Ana);

        var form = await kit.ClickAsync(Ben, checkIn.Card!, AskGiverOpenAction.Verb, replyToId: checkIn.ActivityId);
        Assert.Equal(GrowthBook.AskGiverQuestion(commitment), (string?)RequestKit.Input(form, GrowthCards.QuestionInput)["value"]);
        Assert.Contains($"I'll ask {Ana.Name} for feedback", RequestKit.Text(form));

        var asking = await kit.ClickAsync(Ben, form, AskGiverSendAction.Verb, new JsonObject { [GrowthCards.QuestionInput] = "How does my delegating look now?" }, replyToId: checkIn.ActivityId);
        Assert.Contains($"Asking {Ana.Name} how it looks now", RequestKit.Text(asking));
        Assert.Equal(AskGiverWork.Kind, Assert.Single(kit.Work.All).Kind);
        Assert.Empty(RequestKit.Requests(kit.Host).All);

        await kit.RunWorkAsync();
        await kit.Work.RunAgainAsync(kit.Host.Services, 0);
        await NudgeTests.SweepAsync(kit.Host);

        var request = RequestKit.SingleRequest(kit.Host);
        Assert.Equal(Ben.Person, request.Requester);
        Assert.Equal([Ana.Person], request.Recipients.Select(r => r.Person));
        Assert.Equal("How does my delegating look now?", request.Question);
        Assert.Equal([request.Id], Assert.Single(kit.Growth.All).Requests);
        Assert.Contains(kit.Host.Connector.PersonalMessages(Ana.Id), m => m.CardText.Contains("How does my delegating look now?", StringComparison.Ordinal));
        // The check-in card itself now says how it went (PUT …/activities/{id}).
        var updated = kit.Host.Connector.PersonalMessages(Ben.Id).Single(m => m.ActivityId == checkIn.ActivityId);
        Assert.Contains($"Asked {Ana.Name} how it looks now", updated.CardText);
    }

    [Fact]
    public async Task AnAnonymousGiversCheckIn_NamesNobody_AndCannotAsk()
    {
        await using var kit = await GrowthKit.StartAsync();
        var (checkIn, commitment) = await CheckedInAsync(kit, RequestKit.Cem, anonymous: true);

        var json = checkIn.Card!.ToJsonString();
        Assert.DoesNotContain(RequestKit.Cem.Name, json);
        Assert.DoesNotContain(RequestKit.Cem.Aad, json);
        Assert.DoesNotContain(RequestKit.Cem.Id, json);
        Assert.DoesNotContain(RequestKit.Executes(checkIn.Card!), b => (string?)b["verb"] == AskGiverOpenAction.Verb);
        Assert.Equal(3, RequestKit.Executes(checkIn.Card!).Count());

        // A crafted click finds nobody to ask, and nothing is stored.
        var data = GrowthCards.CommitmentData(commitment.Id);
        data[GrowthCards.QuestionInput] = "Who are you?";
        Assert.Equal(GrowthResult.Describe(GrowthProblem.GiverAnonymous), await kit.MessageAsync(Ben, AskGiverOpenAction.Verb, (JsonObject)data.DeepClone()));
        Assert.Equal(GrowthResult.Describe(GrowthProblem.GiverAnonymous), await kit.MessageAsync(Ben, AskGiverSendAction.Verb, data));
        Assert.Empty(kit.Work.All);
        Assert.Empty(RequestKit.Requests(kit.Host).All);
    }

    /// <summary><paramref name="giver"/>'s feedback delivered to Ben, Ben's one-week commitment on it, the check-in sent; returns the check-in message.</summary>
    private static async Task<(ConnectorMessage CheckIn, Commitment Commitment)> CheckedInAsync(GrowthKit kit, TestUser giver, bool anonymous = false)
    {
        var (_, delivered) = await kit.DeliveredAsync(giver, Ben, GrowthKit.DelegationFeedback, anonymous);
        var commitment = await kit.ReflectAsync(Ben, delivered, "delegate the weekly report", "Delegation", CheckInChoice.OneWeek);
        kit.Time.SetUtcNow(WeekLater);
        Assert.Equal(1, await kit.RunCheckInsAsync());
        return (kit.Host.Connector.PersonalMessages(Ben.Id)[^1], commitment);
    }

    private static Func<JsonObject, bool> Outcome(CommitmentOutcome outcome) => o => (string?)o["data"]?[GrowthCards.OutcomeKey] == outcome.ToString();
}
