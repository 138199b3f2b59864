using System.Text.Json.Nodes;
using FeedbackBot.Core.Growth;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Slack.Delivery;
using FeedbackBot.Slack.Growth;
using FeedbackBot.Slack.Home;
using FeedbackBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Slack.Tests.Growth;

/// <summary>The growth loop through the real pipeline and the strict fake Slack: Reflect, check-ins, review prep.</summary>
public sealed class GrowthFlowTests
{
    private static PersonRef P(string user) => new(Platform.Slack, SlackTestHost.Team, user);

    private static async Task<(SlackTestHost Host, InMemoryGrowthStore Store)> StartAsync(DateTimeOffset? now = null)
    {
        var store = new InMemoryGrowthStore();
        var host = await SlackTestHost.StartAsync(now: now, register: s => s.AddSingleton<IGrowthStore>(store));
        return (host, store);
    }

    private static async Task<string> DeliveredAsync(SlackTestHost host, string giver, string recipient, string text, bool anonymous = false)
    {
        if (anonymous)
        {
            // Stored as a delivered anonymous item: what the give and delivery flows leave behind.
            var item = new Core.Feedback.FeedbackItem(Core.Ids.New(host.Time, P(recipient).Workspace), P(giver), P(recipient),
                Core.Feedback.FeedbackContent.FromText(text), Core.Feedback.FeedbackKind.Constructive, Core.Feedback.FeedbackVisibility.Private,
                Anonymous: true, null, null, host.Time.GetUtcNow(), Core.Feedback.DeliveryStatus.Delivered);
            await host.Feedback.SaveAsync(item, default);
            return item.Id;
        }

        await host.PostCommandAsync($"<@{recipient}> {text}", user: giver);
        await host.RunDeliveriesAsync();
        return host.Feedback.All.Last().Id;
    }

    private static JsonObject ReflectView(string feedbackId, string text, string? newTheme, string checkIn = "OneWeek") => new()
    {
        ["id"] = "VR1",
        ["type"] = "modal",
        ["callback_id"] = ReflectSubmission.CallbackId,
        ["private_metadata"] = feedbackId,
        ["state"] = new JsonObject
        {
            ["values"] = new JsonObject
            {
                ["what"] = new JsonObject { ["what_text"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = text } },
                ["new_theme"] = new JsonObject { ["new_theme_name"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = newTheme } },
                ["checkin"] = new JsonObject { ["checkin_when"] = new JsonObject { ["type"] = "radio_buttons", ["selected_option"] = new JsonObject { ["value"] = checkIn } } },
            },
        },
    };

    [Fact]
    public async Task Reflect_OnDeliveredFeedback_OpensTheFormWithASuggestion_AndSavesAPrivateCommitment()
    {
        var (host, store) = await StartAsync();
        await using var _ = host;
        var id = await DeliveredAsync(host, "U1", "U2", "You could delegate the weekly report, which would free your Fridays");
        var dm = host.Slack.DmMessages("U2").Single();
        Assert.Contains(ReflectAction.ActionId, dm.Blocks!.ToJsonString());

        await host.PostInteractionAsync(Payloads.BlockAction(ReflectAction.ActionId, id, user: "U2"));
        var open = Assert.Single(await host.Slack.WaitForAsync("views.open"));
        Assert.Equal(ReflectSubmission.CallbackId, open.View!["callback_id"]!.GetValue<string>());
        Assert.Contains("\"initial_value\":\"Delegation\"", open.Json);
        Assert.Contains("mentions “delegate”", open.Json);
        ViewAssert.WithinSlackLimits(open.View);

        var response = await host.PostInteractionAsync(Payloads.ViewSubmission(ReflectView(id, "Hand the <report> to Sam", "Delegation"), user: "U2"));
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        var confirmation = await host.Slack.WaitForDmAsync("U2", m => m.AllText.Contains("Saved"), "the Reflect confirmation");

        var commitment = Assert.Single(store.All);
        Assert.Equal(P("U2"), commitment.Owner);
        Assert.Equal("Hand the <report> to Sam", commitment.Text); // stored as typed
        Assert.Contains("Hand the &lt;report&gt; to Sam", confirmation.AllText); // escaped once on the way out
        Assert.Equal(id, commitment.FeedbackId);
        var theme = Assert.Single(await store.ListThemesAsync(P("U2"), default));
        Assert.Equal(("Delegation", theme.Id), (theme.Name, commitment.ThemeId));
        Assert.Equal([id], theme.FeedbackIds);
        Assert.NotNull(commitment.CheckInAt);
        Assert.DoesNotContain(host.Slack.DmMessages("U1"), m => m.AllText.Contains("Sam")); // private to U2
    }

    [Fact]
    public async Task Reflect_BySomeoneOtherThanTheRecipient_OpensNothingAndSavesNothing()
    {
        var (host, store) = await StartAsync();
        await using var _ = host;
        var id = await DeliveredAsync(host, "U1", "U2", "You could delegate the weekly report, which would free your Fridays");

        await host.PostInteractionAsync(Payloads.BlockAction(ReflectAction.ActionId, id, user: "U3", responseUrl: host.Slack.ResponseUrl("x")));
        var body = await SlackTestHost.JsonAsync(await host.PostInteractionAsync(Payloads.ViewSubmission(ReflectView(id, "steal it", null), user: "U3")));
        await host.IdleAsync();

        Assert.Empty(host.Slack.CallsTo("views.open"));
        Assert.Equal("errors", body["response_action"]!.GetValue<string>());
        Assert.Empty(store.All);
    }

    [Fact]
    public async Task CheckIn_ButtonsRecordOutcomes_AndAskGiverSendsALinkedRequest()
    {
        var (host, store) = await StartAsync(new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero));
        await using var _ = host;
        var id = await DeliveredAsync(host, "U1", "U2", "Your estimates slip every sprint, which hurts planning");
        var growth = host.Services.GetRequiredService<GrowthBook>();
        var commitment = (await growth.CommitAsync(new CommitCommand(P("U2"), "add a buffer to estimates", id, null, "Planning", CheckInChoice.OneWeek), default)).Commitment!;
        host.Time.SetUtcNow(commitment.CheckInAt!.Value);
        host.Slack.Clear();

        await using (var scope = host.Services.CreateAsyncScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<RunCheckIns>().RunAsync(default));
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<RunCheckIns>().RunAsync(default));
        }

        var checkIn = Assert.Single(host.Slack.CallsTo("chat.postMessage"));
        Assert.Equal("DU2", checkIn.Args["channel"]!.GetValue<string>());
        var blocks = checkIn.Json;
        Assert.Contains("A week ago you planned to *add a buffer to estimates*", blocks);
        Assert.Contains(CheckInAction.Id(CommitmentOutcome.NotYet), blocks);
        Assert.Contains(AskGiverAction.ActionId, blocks);
        Assert.Contains("<@U1>", blocks);

        // Not yet: recorded, re-planned a week on, the check-in message replaced.
        await host.PostInteractionAsync(Payloads.BlockAction(CheckInAction.Id(CommitmentOutcome.NotYet), commitment.Id, user: "U2", responseUrl: host.Slack.ResponseUrl("c")));
        var replaced = Assert.Single(await host.Slack.WaitForAsync("response_url"));
        Assert.True(replaced.Args["replace_original"]!.GetValue<bool>());
        Assert.Contains("check in again", replaced.Json);
        var stored = store.All.Single();
        Assert.Equal(CommitmentOutcome.NotYet, stored.Outcome);
        Assert.Equal(commitment.CheckInAt.Value.AddDays(7), stored.CheckInAt);

        // Ask them how it looks now: a prefilled modal, then a request to the giver linked to the commitment.
        await host.PostInteractionAsync(Payloads.BlockAction(AskGiverAction.ActionId, commitment.Id, user: "U2"));
        var open = Assert.Single(await host.Slack.WaitForAsync("views.open"));
        Assert.Equal(AskGiverSubmission.CallbackId, open.View!["callback_id"]!.GetValue<string>());
        Assert.Contains("add a buffer to estimates", open.View.ToJsonString());
        var view = new JsonObject
        {
            ["id"] = "VA1", ["type"] = "modal", ["callback_id"] = AskGiverSubmission.CallbackId, ["private_metadata"] = commitment.Id,
            ["state"] = new JsonObject { ["values"] = new JsonObject { ["question"] = new JsonObject { ["question_text"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = "How do my estimates look now?" } } } },
        };
        await host.PostInteractionAsync(Payloads.ViewSubmission(view, user: "U2"));
        var prompt = await host.Slack.WaitForDmAsync("U1", m => m.AllText.Contains("How do my estimates look now?"), "the request to the giver");
        var request = Assert.Single((await host.Services.GetRequiredService<IRequestStore>().ListAskedByAsync(P("U2"), default)));
        Assert.Equal(P("U1"), Assert.Single(request.Recipients).Person);
        Assert.Equal([request.Id], store.All.Single().Requests);
        Assert.NotNull(prompt);

        // Done: closed, nothing planned any more.
        await host.PostInteractionAsync(Payloads.BlockAction(CheckInAction.Id(CommitmentOutcome.Done), commitment.Id, user: "U2", responseUrl: host.Slack.ResponseUrl("d")));
        await host.IdleAsync();
        Assert.Equal(CommitmentOutcome.Done, store.All.Single().Outcome);
        Assert.Empty(store.Schedule);
    }

    [Fact]
    public async Task CheckIn_ForAnonymousFeedback_NamesNobodyAndOffersNoAsk()
    {
        var (host, store) = await StartAsync(new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero));
        await using var _ = host;
        var id = await DeliveredAsync(host, "USECRET", "U2", "You interrupt people in meetings, which stops ideas", anonymous: true);
        var growth = host.Services.GetRequiredService<GrowthBook>();
        var commitment = (await growth.CommitAsync(new CommitCommand(P("U2"), "let others finish", id, null, null, CheckInChoice.OneWeek), default)).Commitment!;
        host.Time.SetUtcNow(commitment.CheckInAt!.Value);
        host.Slack.Clear();

        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RunCheckIns>().RunAsync(default);
        }

        var call = Assert.Single(host.Slack.CallsTo("chat.postMessage"));
        Assert.DoesNotContain("USECRET", call.Json);
        Assert.DoesNotContain(AskGiverAction.ActionId, call.Json);
        Assert.Contains(CheckInAction.Id(CommitmentOutcome.Done), call.Json);
        Assert.Null(store.All.Single().CheckInAt);
    }

    [Fact]
    public async Task ReviewPrep_Command_GroupsByTheme_AndNamesTheAnonymousGiverNowhere()
    {
        var (host, store) = await StartAsync();
        await using var _ = host;
        var growth = host.Services.GetRequiredService<GrowthBook>();
        var delegation = await DeliveredAsync(host, "UANA", "U2", "You could hand off the weekly report, which frees you up");
        var planning = await DeliveredAsync(host, "USECRET", "U2", "Your estimates slip; a buffer would help the team plan", anonymous: true);
        var speaking = await DeliveredAsync(host, "UBEN", "U2", "Great that you spoke up in the review, it changed the plan");
        var speakingTheme = await growth.EnsureThemeAsync(P("U2"), "Speaking up", default);
        await growth.AttachAsync(P("U2"), speakingTheme.Id, speaking, default);
        await growth.CommitAsync(new CommitCommand(P("U2"), "delegate the weekly report", delegation, null, "Delegation", CheckInChoice.TwoWeeks), default);
        var done = (await growth.CommitAsync(new CommitCommand(P("U2"), "add a buffer to estimates", planning, null, "Project planning", CheckInChoice.None), default)).Commitment!;
        await growth.RecordOutcomeAsync(P("U2"), done.Id, CommitmentOutcome.Done, default);

        var response = await SlackTestHost.JsonAsync(await host.PostCommandAsync("review-prep 3 months", user: "U2"));

        var blocks = RecordedCall.ReadableJson(response["blocks"]!);
        Assert.Equal("ephemeral", response["response_type"]!.GetValue<string>());
        Assert.DoesNotContain("USECRET", blocks);
        Assert.DoesNotContain("USECRET", response.ToJsonString());
        Assert.Contains("Your estimates slip", blocks);
        Assert.Contains("— someone", blocks);
        int At(string text) => blocks.IndexOf(text, StringComparison.Ordinal);
        Assert.True(At("*Speaking up*") >= 0 && At("*Delegation*") > 0 && At("*Project planning*") > 0, blocks);
        Assert.True(At("delegate the weekly report — open") > At("*Delegation*"), blocks);
        Assert.True(At("add a buffer to estimates — done") > At("*Project planning*"), blocks);
        Assert.Contains("<@UANA>", blocks);
        Assert.Contains(FreshFeedbackAction.ActionId, blocks);
        Assert.Empty(FakeSlackApi.BlockLimitErrors(response["blocks"]!.AsArray()));
        Assert.Equal(2, store.All.Count);
    }

    [Fact]
    public async Task ReviewPrep_PeriodNotUnderstood_SaysHowToWriteIt()
    {
        var (host, _) = await StartAsync();
        await using var __ = host;

        var response = await SlackTestHost.JsonAsync(await host.PostCommandAsync("review-prep someday", user: "U2"));

        Assert.Contains("couldn't read “someday”", response["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task ReviewPrep_FromHome_OpensTheSummary_AndFreshFeedbackOpensAPrefilledRequest()
    {
        var (host, _) = await StartAsync();
        await using var __ = host;

        await host.PostInteractionAsync(Payloads.BlockAction(HomeReviewPrepAction.ActionId, user: "U2"));
        var modal = Assert.Single(await host.Slack.WaitForAsync("views.open"));
        Assert.Contains("Review prep", modal.View!.ToJsonString());
        ViewAssert.WithinSlackLimits(modal.View);
        host.Slack.Clear();

        await host.PostInteractionAsync(Payloads.BlockAction(FreshFeedbackAction.ActionId, user: "U2"));
        var request = Assert.Single(await host.Slack.WaitForAsync("views.open"));
        Assert.Contains("My review is coming up", request.View!.ToJsonString());
    }

    [Fact]
    public async Task HomeAndInbox_ShowThemesAndOpenCommitments_AndHelpListsReviewPrep()
    {
        var (host, _) = await StartAsync();
        await using var __ = host;
        var id = await DeliveredAsync(host, "U1", "U2", "You could delegate the weekly report, which would free your Fridays");
        await host.Services.GetRequiredService<GrowthBook>().CommitAsync(new CommitCommand(P("U2"), "hand the report to Sam", id, null, "Delegation", CheckInChoice.TwoWeeks), default);

        var inbox = (await SlackTestHost.JsonAsync(await host.PostCommandAsync("inbox", user: "U2"))).ToJsonString();
        var help = (await SlackTestHost.JsonAsync(await host.PostCommandAsync("help", user: "U2"))).ToJsonString();
        await host.Services.GetRequiredService<HomePublisher>().PublishAsync(P("U2"), default);
        var home = Assert.Single(host.Slack.CallsTo("views.publish")).Json;

        foreach (var surface in new[] { inbox, home })
        {
            Assert.Contains("Delegation", surface);
            Assert.Contains("hand the report to Sam", surface);
        }

        Assert.Contains(HomeReviewPrepAction.ActionId, home);
        Assert.Contains("review-prep", help);
    }
}
