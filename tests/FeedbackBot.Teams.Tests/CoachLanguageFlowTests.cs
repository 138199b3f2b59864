using static FeedbackBot.Teams.Tests.GiveKit;
using static FeedbackBot.Teams.Tests.TeamsTestHost;

namespace FeedbackBot.Teams.Tests;

/// <summary>
/// Issue 15 through the Teams flow (HTTP in, fake connector out): the coach answers in the draft's language. The
/// test host's people have Teams locale en-GB (their clientInfo), so a German draft that still gets German tips
/// shows the draft's language wins over the person's locale.
/// </summary>
public sealed class CoachLanguageFlowTests
{
    // Core's tips (Languages/German.cs, English.cs).
    private const string GermanSpecificTip = "Nenne den Moment";
    private const string EnglishSpecificTip = "Name the moment";
    private const string SpanishSpecificTip = "Di en qué momento fue";

    [Fact]
    public async Task QuickGive_GermanDraftFromEnglishLocale_ShowsGermanTips()
    {
        await using var kit = await StartGiveAsync();
        await kit.Host.MeetAsync(Ana);
        kit.JoinConversation(Ben, Channel);

        await kit.PostAsync(kit.ChannelMessage(Ana, $"give {At(Ben)} danke für alles, du bist die Beste", Ben));

        var review = Text(kit.Host.Connector.PersonalMessages(Ana.Id).Last().Card!);
        Assert.Contains(GermanSpecificTip, review);
        Assert.DoesNotContain(EnglishSpecificTip, review);
        Assert.Empty(kit.Host.Feedback.All);
    }

    [Fact]
    public async Task QuickGive_ThreeWordDraftFromASpanishLocale_ShowsSpanishTips()
    {
        // Too short to say its language: the giver's Teams locale (es-ES) decides, not English.
        const string draft = "Buen trabajo, crack";
        Assert.False(Core.Coaching.CoachLanguages.Detect(draft).Clear);
        await using var kit = await StartGiveAsync();
        await kit.Host.MeetAsync(Ana);
        kit.JoinConversation(Ben, Channel);
        var message = kit.ChannelMessage(Ana, $"give {At(Ben)} {draft}", Ben);
        message["locale"] = "es-ES";
        ((System.Text.Json.Nodes.JsonArray)message["entities"]!).Add(new System.Text.Json.Nodes.JsonObject
        {
            ["type"] = "clientInfo", ["locale"] = "es-ES", ["timezone"] = "Europe/Madrid",
        });

        await kit.PostAsync(message);

        var review = Text(kit.Host.Connector.PersonalMessages(Ana.Id).Last().Card!);
        Assert.Contains(SpanishSpecificTip, review);
        Assert.DoesNotContain(EnglishSpecificTip, review);
        Assert.Empty(kit.Host.Feedback.All);
    }
}
