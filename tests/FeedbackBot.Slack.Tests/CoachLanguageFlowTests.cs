using FeedbackBot.Slack.Give;
using FeedbackBot.Testing;

namespace FeedbackBot.Slack.Tests;

/// <summary>
/// Issue 15: the coach answers in the draft's language through the real Slack flows (signed HTTP in, fake Slack
/// out). A draft clearly written in German gets German tips even from a person whose Slack locale is English; a
/// draft too short to tell follows the person's locale, read from users.info with include_locale.
/// </summary>
public sealed class CoachLanguageFlowTests
{
    // Core's German and Spanish tips (Languages/German.cs, Spanish.cs).
    private const string GermanSpecificTip = "Nenne den Moment";
    private const string SpanishSpecificTip = "Di en qué momento fue";
    private const string EnglishSpecificTip = "Name the moment";

    [Fact]
    public async Task QuickGive_GermanDraftFromEnglishLocale_ShowsGermanTips()
    {
        await using var host = await SlackTestHost.StartAsync();
        host.Slack.SetUser("U1", locale: "en-US");

        var response = await host.PostCommandAsync("<@U2> danke für alles, du bist die Beste");

        var review = RecordedCall.ReadableJson(await SlackTestHost.JsonAsync(response));
        Assert.Contains(GermanSpecificTip, review);
        Assert.DoesNotContain(EnglishSpecificTip, review);
        Assert.Empty(host.Feedback.All);
    }

    [Fact]
    public async Task ModalTyping_UnclearDraft_FollowsTheGiversSlackLocale()
    {
        await using var host = await SlackTestHost.StartAsync();
        host.Slack.SetUser("U1", locale: "es-ES");

        await host.PostInteractionAsync(Payloads.BlockAction("give_part:text", view: Payloads.GiveView(["U2"], "genial", viewId: "V7")));

        var update = Assert.Single(await host.Slack.WaitForAsync("views.update"));
        var tips = RecordedCall.ReadableJson(Assert.Single(update.View!["blocks"]!.AsArray(), b => b!["block_id"]?.GetValue<string>() == GiveModal.TipsBlock)!);
        Assert.Contains(SpanishSpecificTip, tips);
        var lookup = Assert.Single(host.Slack.CallsTo("users.info"), c => c.Args["user"]!.GetValue<string>() == "U1");
        Assert.Equal("true", lookup.Args["include_locale"]!.GetValue<string>());
    }

    [Fact]
    public async Task ModalTyping_ClearEnglishDraft_StaysEnglishWithoutAskingForTheLocale()
    {
        await using var host = await SlackTestHost.StartAsync();
        host.Slack.SetUser("U1", locale: "de-DE");

        await host.PostInteractionAsync(Payloads.BlockAction("give_part:text",
            view: Payloads.GiveView(["U2"], "thanks for all the work you did for the team this week", viewId: "V7")));

        var update = Assert.Single(await host.Slack.WaitForAsync("views.update"));
        Assert.Contains(EnglishSpecificTip, RecordedCall.ReadableJson(update.View!));
        Assert.DoesNotContain(host.Slack.CallsTo("users.info"), c => c.Args["user"]!.GetValue<string>() == "U1");
    }
}
