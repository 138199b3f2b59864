using System.Text.Json.Nodes;
using FeedbackBot.Core.Growth;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Slack.Growth;
using FeedbackBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Slack.Tests.Growth;

/// <summary>
/// Issue 13, themes "created on the fly … from the inbox", on Slack: each received item in <c>/feedback inbox</c> and
/// on Home has a theme button; its modal files the item under one of the person's themes or a new one, through the
/// real pipeline and the strict fake Slack.
/// </summary>
public sealed class ThemeFromInboxTests
{
    private static PersonRef P(string user) => new(Platform.Slack, SlackTestHost.Team, user);

    private static async Task<(SlackTestHost Host, InMemoryGrowthStore Store, string FeedbackId)> StartWithFeedbackAsync(string text)
    {
        var store = new InMemoryGrowthStore();
        var host = await SlackTestHost.StartAsync(register: s => s.AddSingleton<IGrowthStore>(store));
        // Stored as delivered, as the give and delivery flows leave it (the coach's review is not the point here).
        var item = new Core.Feedback.FeedbackItem(Core.Ids.New(host.Time, P("U2").Workspace), P("U1"), P("U2"),
            Core.Feedback.FeedbackContent.FromText(text), Core.Feedback.FeedbackKind.Praise, Core.Feedback.FeedbackVisibility.Private,
            Anonymous: false, null, null, host.Time.GetUtcNow(), Core.Feedback.DeliveryStatus.Delivered);
        await host.Feedback.SaveAsync(item, default);
        return (host, store, item.Id);
    }

    private static JsonObject ThemeView(string? metadata, string? newTheme, string? themeId = null)
    {
        var values = new JsonObject
        {
            [ThemePicker.NewThemeBlock] = new JsonObject { [ThemePicker.NewThemeAction] = new JsonObject { ["type"] = "plain_text_input", ["value"] = newTheme } },
        };
        if (themeId is not null)
        {
            values[ThemePicker.ThemeBlock] = new JsonObject
            {
                [ThemePicker.ThemeAction] = new JsonObject { ["type"] = "static_select", ["selected_option"] = new JsonObject { ["value"] = themeId } },
            };
        }

        return new JsonObject
        {
            ["id"] = "VT1",
            ["type"] = "modal",
            ["callback_id"] = InboxThemeSubmission.CallbackId,
            ["private_metadata"] = metadata,
            ["state"] = new JsonObject { ["values"] = values },
        };
    }

    [Fact]
    public async Task Inbox_ThemeButton_OpensTheModalWithTheSuggestion_AndANewThemeFilesTheItem()
    {
        var (host, store, id) = await StartWithFeedbackAsync("You delegated the <release> notes to Sam, which freed you for the audit");
        await using var _ = host;

        var inbox = await SlackTestHost.JsonAsync(await host.PostCommandAsync("inbox", user: "U2"));
        var button = inbox["blocks"]!.AsArray().Select(b => b?["accessory"]).Single(a => a is not null)!;
        Assert.Equal((InboxThemeAction.ActionId, id, "Theme…"), ((string)button["action_id"]!, (string)button["value"]!, (string)button["text"]!["text"]!));

        await host.PostInteractionAsync(Payloads.BlockAction(InboxThemeAction.ActionId, id, user: "U2", responseUrl: host.Slack.ResponseUrl("i")));
        var open = Assert.Single(await host.Slack.WaitForAsync("views.open"));
        Assert.Equal(InboxThemeSubmission.CallbackId, (string)open.View!["callback_id"]!);
        Assert.Contains("\"initial_value\":\"Delegation\"", open.Json);
        Assert.Contains("mentions “delegat", open.Json);
        Assert.Contains("&lt;release&gt;", open.Json);
        ViewAssert.WithinSlackLimits(open.View);

        var response = await host.PostInteractionAsync(Payloads.ViewSubmission(ThemeView((string)open.View["private_metadata"]!, "Hand-offs <&>"), user: "U2"));
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        var confirmation = await host.Slack.WaitForDmAsync("U2", m => m.AllText.Contains("Filed under"), "the theme confirmation");

        Assert.Contains("Hand-offs &lt;&amp;&gt;", confirmation.AllText); // stored as typed, escaped once on the way out
        var theme = Assert.Single(await store.ListThemesAsync(P("U2"), default));
        Assert.Equal("Hand-offs <&>", theme.Name);
        Assert.Equal([id], theme.FeedbackIds);
        Assert.Empty(store.All); // a theme, not a commitment

        var again = await SlackTestHost.JsonAsync(await host.PostCommandAsync("inbox", user: "U2"));
        Assert.Contains("Theme: Hand-offs <&>", again.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [Fact]
    public async Task Home_ThemeButton_FilesUnderAnExistingTheme_AndRepublishesHome()
    {
        var (host, store, id) = await StartWithFeedbackAsync("Your milestone plan made the trade-offs obvious");
        await using var _ = host;
        var planning = await host.Services.GetRequiredService<GrowthBook>().EnsureThemeAsync(P("U2"), "Planning", default);
        await host.PostEventAsync(EventsAndHomeTests.HomeOpened());
        var home = Assert.Single(await host.Slack.WaitForAsync("views.publish"));
        Assert.Contains(InboxThemeAction.ActionId, home.Json);
        host.Slack.Clear();

        await host.PostInteractionAsync(Payloads.BlockAction(InboxThemeAction.ActionId, id, user: "U2", view: new JsonObject { ["id"] = "VH", ["type"] = "home" }));
        var open = Assert.Single(await host.Slack.WaitForAsync("views.open"));
        Assert.Contains(planning.Id, open.Json); // the person's own theme the words point to, preselected
        await host.PostInteractionAsync(Payloads.ViewSubmission(ThemeView((string)open.View!["private_metadata"]!, null, planning.Id), user: "U2"));
        await host.Slack.WaitForDmAsync("U2", m => m.AllText.Contains("Filed under *Planning*"), "the theme confirmation");

        var republished = Assert.Single(await host.Slack.WaitForAsync("views.publish"));
        Assert.Contains("Theme: Planning", republished.Json);
        Assert.Equal([id], (await store.ListThemesAsync(P("U2"), default)).Single().FeedbackIds);
    }

    [Fact]
    public async Task ThemeModal_SubmittedForSomeoneElsesItem_OrWithNothingChosen_IsRefusedAndStoresNothing()
    {
        var (host, store, id) = await StartWithFeedbackAsync("Clear update on the outage, which calmed everyone");
        await using var _ = host;
        var metadata = new JsonObject { ["f"] = id }.ToJsonString();

        var stolen = await SlackTestHost.JsonAsync(await host.PostInteractionAsync(Payloads.ViewSubmission(ThemeView(metadata, "mine now"), user: "U3")));
        var empty = await SlackTestHost.JsonAsync(await host.PostInteractionAsync(Payloads.ViewSubmission(ThemeView(metadata, "  "), user: "U2")));
        await host.PostInteractionAsync(Payloads.BlockAction(InboxThemeAction.ActionId, id, user: "U3", responseUrl: host.Slack.ResponseUrl("x")));
        await host.IdleAsync();

        Assert.Equal("errors", (string)stolen["response_action"]!);
        Assert.Equal(GrowthResult.Describe(GrowthProblem.NotYourFeedback), (string?)stolen["errors"]?[ThemePicker.NewThemeBlock]);
        Assert.Equal("errors", (string)empty["response_action"]!);
        Assert.Empty(host.Slack.CallsTo("views.open"));
        Assert.Empty(await store.ListThemesAsync(P("U2"), default));
        Assert.Empty(await store.ListThemesAsync(P("U3"), default));
    }
}
