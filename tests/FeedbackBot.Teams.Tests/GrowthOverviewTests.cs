using System.Globalization;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Digest;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Growth;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Ratings;
using FeedbackBot.Teams.Growth;
using FeedbackBot.Teams.Inbound;
using Microsoft.Extensions.DependencyInjection;
using static FeedbackBot.Teams.Tests.TeamsTestHost;

namespace FeedbackBot.Teams.Tests;

/// <summary>
/// What Slack's Home growth section, inbox and digest show, on Teams (which has no Home tab): the <c>growth</c> card
/// (themes with counts and latest items, open commitments with theme and check-in date in the person's zone, the
/// usefulness aggregate), the inbox's growth lines and <b>Your growth</b> button, the digest's due check-ins and
/// usefulness line. Private to the owner, user text inert and shown once, anonymous givers named nowhere.
/// </summary>
public sealed class GrowthOverviewTests
{
    // Markdown, a mention and HTML: shown as typed, never read (a TextRun) nor escaped twice.
    private const string Hostile = "Your **demo** <at>Ana</at> [link](http://evil.example) & <b>notes</b> were clear.";
    private const string Zone = "Pacific/Auckland";
    private static readonly TestUser Dee = new("29:dee", "0d0d0d0d-0000-0000-0000-00000000000d", "Dee Park");

    [Fact]
    public async Task Growth_ShowsThemesLatestItemsOpenCommitmentsAndUsefulness_OnlyToTheOwner()
    {
        await using var kit = await GrowthKit.StartAsync();
        var cem = RequestKit.Cem;
        await kit.Host.PostAsync(kit.Host.Message(Ben, "help", entities: NudgeTests.ClientInfo(Zone)));
        var (_, named) = await kit.DeliveredAsync(Ana, Ben, Hostile, kind: FeedbackKind.Praise);
        var (_, anonymous) = await kit.DeliveredAsync(cem, Ben, GrowthKit.DelegationFeedback, anonymous: true);
        var (_, later) = await kit.DeliveredAsync(Ana, Ben, "Please send the agenda a day ahead.");
        var presenting = await kit.ReflectAsync(Ben, named, "present the <next> demo too", "Presenting", CheckInChoice.OneWeek);
        await kit.ReflectAsync(Ben, anonymous, "delegate the weekly report", "Delegation", CheckInChoice.None);
        var done = await kit.ReflectAsync(Ben, later, "send agendas early", "Presenting", CheckInChoice.TwoWeeks);
        await RecordAsync(kit, done, CommitmentOutcome.Done);

        // Ben's feedback to three people, two of them rating: no aggregate yet (Core needs three different raters).
        var given = await RatedGiftsAsync(kit, ratings: 2);
        var before = await GrowthCardAsync(kit, Ben);
        Assert.DoesNotContain("rated helpful", RequestKit.Text(before));

        await RateAsync(kit, Dee, given[^1], helpful: false);
        var card = await GrowthCardAsync(kit, Ben);
        var text = Lines(card);
        var json = card.ToJsonString();

        Assert.Contains(GrowthWords.YourGrowth, text);
        Assert.Contains("Only you can see this.", text);
        // Themes with how many items each holds, and their latest items (the anonymous one as "someone").
        Assert.Contains("Presenting", text);
        Assert.Contains(" (2)", text);
        Assert.Contains("Delegation", text);
        Assert.Contains($"“{Hostile}” — {Ana.Name}, 7 Dec 2026", text);
        Assert.Contains($"“{GrowthKit.DelegationFeedback}” — someone, 7 Dec 2026", text);
        // Open commitments: theme, outcome and the next check-in in Ben's zone; the done one is not listed.
        var auckland = TimeZoneInfo.FindSystemTimeZoneById(Zone);
        var day = TimeZoneInfo.ConvertTime(presenting.CheckInAt!.Value, auckland).ToString("ddd d MMM", CultureInfo.InvariantCulture);
        Assert.NotEqual(day, presenting.CheckInAt!.Value.UtcDateTime.ToString("ddd d MMM", CultureInfo.InvariantCulture));
        Assert.True(text.Contains($"• present the <next> demo too (Presenting) — open, check-in {day}", StringComparison.Ordinal), text);
        Assert.Contains("• delegate the weekly report (Delegation) — open", text);
        Assert.DoesNotContain(done.Text, text);
        Assert.Contains("In the last 30 days your feedback was rated helpful 2 of 3 times; most valued: specific.", text);

        // User text as typed (no &lt; or doubled escapes), only in TextRuns; the anonymous giver nowhere.
        RoutingTests.AssertUserTextOnlyInTextRuns(card, Hostile);
        RoutingTests.AssertUserTextOnlyInTextRuns(card, "present the <next> demo too");
        Assert.DoesNotContain("&lt;", text);
        Assert.DoesNotContain(cem.Name, json);
        Assert.DoesNotContain(cem.Aad, json);
        Assert.DoesNotContain(cem.Id, json);
        // Nothing of Ben's is in anyone else's chat.
        Assert.DoesNotContain(kit.Host.Connector.PersonalMessages(Ana.Id), m => m.CardText.Contains(GrowthWords.YourGrowth, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Growth_ForSomeoneWithNothingYet_SaysHowToStart()
    {
        await using var kit = await GrowthKit.StartAsync();

        var text = Lines(await GrowthCardAsync(kit, Ana));

        Assert.Contains(GrowthWords.GrowthEmpty, text);
        Assert.DoesNotContain(GrowthWords.OpenCommitments, text);
    }

    [Fact]
    public async Task Growth_WithManyThemesOfLongFeedback_StaysOneMessageTeamsAccepts()
    {
        await using var kit = await GrowthKit.StartAsync();
        var long_ = string.Concat(Enumerable.Repeat("You explained the trade-offs of the migration plan clearly. ", 20));
        await using (var scope = kit.Host.Services.CreateAsyncScope())
        {
            var book = scope.ServiceProvider.GetRequiredService<GrowthBook>();
            for (var i = 0; i < 26; i++)
            {
                for (var j = 0; j < 2; j++)
                {
                    var (id, _) = await kit.DeliveredAsync(Ana, Ben, $"{i}.{j} {long_}");
                    Assert.NotNull((await book.FileUnderThemeAsync(Ben.Person, id, null, $"Theme {i:D2} {new string('x', 50)}", default)).Theme);
                }
            }
        }

        // The fake connector refuses a message over Teams' 40 KB (413 MessageSizeTooBig), as Teams does.
        var card = await GrowthCardAsync(kit, Ben);

        Assert.Contains(GrowthWords.AndMore(6), Lines(card));
        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(card.ToJsonString()), 1, 40 * 1024);
    }

    [Fact]
    public async Task Growth_TypedInAChannel_GoesToTheOneOnOne_AndHelpsButtonThere_AnswersEachClickerPrivately()
    {
        await using var kit = await GrowthKit.StartAsync();
        var (_, delivered) = await kit.DeliveredAsync(Ana, Ben, GrowthKit.DelegationFeedback);
        await kit.ReflectAsync(Ben, delivered, "delegate the weekly report", "Delegation", CheckInChoice.None);
        kit.Host.Connector.AddConversation(GiveKit.Channel);

        await kit.Host.PostAsync(kit.Host.Message(Ben, "<at>FeedbackBot</at> growth", GiveKit.Channel, "channel",
            new JsonArray(TeamsTestHost.BotMention())));

        Assert.Contains("delegate the weekly report", kit.Host.Connector.PersonalMessages(Ben.Id)[^1].CardText);
        var said = Assert.Single(kit.Host.Connector.MessagesIn(GiveKit.Channel));
        Assert.Equal(PrivateCards.SentPrivately, Lines(said.Card!));

        // help in the channel carries "Your growth"; Ana clicking it there gets her own (empty) growth, privately,
        // and the channel's card stays as it was.
        await kit.Host.PostAsync(kit.Host.Message(Ben, "<at>FeedbackBot</at> help", GiveKit.Channel, "channel",
            new JsonArray(TeamsTestHost.BotMention())));
        var help = kit.Host.Connector.MessagesIn(GiveKit.Channel)[^1].Card!;
        var button = Assert.Single(RequestKit.Executes(help), b => (string?)b["verb"] == GrowthShowAction.Verb);
        var (_, answer) = await RequestKit.InvokeAsync(kit.Host, Ana, CardActionInvoke.Name, new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = GrowthShowAction.Verb, ["data"] = button["data"]!.DeepClone() },
            ["trigger"] = "manual",
        }, conversationId: GiveKit.Channel, conversationType: "channel");

        Assert.Equal("application/vnd.microsoft.activity.message", (string?)answer?["type"]);
        Assert.Equal(PrivateCards.SentPrivately, (string?)answer?["value"]);
        var anas = kit.Host.Connector.PersonalMessages(Ana.Id)[^1].CardText;
        Assert.Contains(GrowthWords.GrowthEmpty, anas);
        Assert.DoesNotContain("delegate the weekly report", anas);
        Assert.Equal(2, kit.Host.Connector.MessagesIn(GiveKit.Channel).Count);
    }

    [Fact]
    public async Task Inbox_ListsThemesAndOpenCommitments_AndYourGrowthOpensTheGrowthCard()
    {
        await using var kit = await GrowthKit.StartAsync();
        var (_, first) = await kit.DeliveredAsync(Ana, Ben, GrowthKit.DelegationFeedback);
        var (_, second) = await kit.DeliveredAsync(Ana, Ben, "Please send the agenda a day ahead.");
        await kit.ReflectAsync(Ben, first, "delegate the <weekly> report", "Delegation", CheckInChoice.OneWeek);
        var done = await kit.ReflectAsync(Ben, second, "send agendas early", "Delegation", CheckInChoice.None);
        await RecordAsync(kit, done, CommitmentOutcome.Done);

        await kit.Host.PostAsync(kit.Host.Message(Ben, "inbox"));
        var inbox = kit.Host.Connector.PersonalMessages(Ben.Id)[^1];
        var lines = Lines(inbox.Card!);

        Assert.Contains($"🧭 {GrowthWords.YourThemes}: ", lines);
        Assert.Contains("Delegation (2)", lines);
        Assert.Contains($"🎯 {GrowthWords.OpenCommitments}", lines);
        Assert.Contains("• delegate the <weekly> report (Delegation) — open, check-in Mon 14 Dec", lines);
        Assert.DoesNotContain("send agendas early", lines);
        RoutingTests.AssertUserTextOnlyInTextRuns(inbox.Card!, "delegate the <weekly> report");
        Assert.Equal([GrowthShowAction.Verb], inbox.Card!["actions"]!.AsArray().Select(a => (string?)a!["verb"]));

        var growth = await kit.ClickAsync(Ben, inbox.Card!, GrowthShowAction.Verb, replyToId: inbox.ActivityId);

        Assert.Contains(GrowthWords.YourGrowth, RequestKit.Text(growth));
        Assert.Contains("delegate the <weekly> report", RequestKit.Text(growth));
    }

    [Fact]
    public async Task WeeklyDigest_ListsTheCheckInsDueThisWeek_AndTheUsefulnessAggregate()
    {
        await using var kit = await GrowthKit.StartAsync();
        var (_, delivered) = await kit.DeliveredAsync(Ana, Ben, GrowthKit.DelegationFeedback);
        await kit.ReflectAsync(Ben, delivered, "delegate the <weekly> report", "Delegation", CheckInChoice.OneWeek);
        await kit.ReflectAsync(Ben, delivered, "hand over **one** meeting", "Delegation", CheckInChoice.OneMonth);
        await RatedGiftsAsync(kit, ratings: 3);

        await using (var scope = kit.Host.Services.CreateAsyncScope())
        {
            Assert.Equal(DigestOutcome.Sent, await scope.ServiceProvider.GetRequiredService<DeliverWeeklyDigest>().RunAsync(Ben.Person, "2026-W50", default));
        }

        var digest = kit.Host.Connector.PersonalMessages(Ben.Id)[^1];
        var text = Lines(digest.Card!);
        Assert.Contains("Your week in feedback", text);
        Assert.Contains($"🌱 {GrowthWords.CheckInsThisWeek} ({GrowthWords.OnlyYouSeeThese})", text);
        Assert.Contains("• delegate the <weekly> report", text);
        Assert.DoesNotContain("hand over", text); // due in a month, not this week
        Assert.Contains("📊 In the last 30 days your feedback was rated helpful 2 of 3 times; most valued: specific.", text);
        RoutingTests.AssertUserTextOnlyInTextRuns(digest.Card!, "delegate the <weekly> report");
        // Who rated is in no card of Ben's.
        Assert.DoesNotContain(Dee.Name, digest.Card!.ToJsonString());
    }

    // What a reader sees, a line per text block: a RichTextBlock's runs joined, as Teams shows them.
    private static string Lines(JsonObject card)
    {
        var lines = new List<string>();
        Walk(card);
        return string.Join("\n", lines);

        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject { } o when (string?)o["type"] == "RichTextBlock":
                    lines.Add(string.Concat(o["inlines"]!.AsArray().Select(r => (string?)r!["text"])));
                    break;
                case JsonObject { } o when (string?)o["type"] == "TextBlock":
                    lines.Add((string?)o["text"] ?? "");
                    break;
                case JsonObject o:
                    foreach (var (_, value) in o)
                    {
                        Walk(value);
                    }

                    break;
                case JsonArray a:
                    foreach (var item in a)
                    {
                        Walk(item);
                    }

                    break;
            }
        }
    }

    // The growth card Ben gets for "growth" typed in his 1:1.
    private static async Task<JsonObject> GrowthCardAsync(GrowthKit kit, TestUser who)
    {
        // The client reports its zone with every message, as Teams does.
        await kit.Host.PostAsync(kit.Host.Message(who, "growth", entities: NudgeTests.ClientInfo(Zone)));
        return kit.Host.Connector.PersonalMessages(who.Id)[^1].Card!;
    }

    private static async Task RecordAsync(GrowthKit kit, Commitment commitment, CommitmentOutcome outcome)
    {
        await using var scope = kit.Host.Services.CreateAsyncScope();
        Assert.True((await scope.ServiceProvider.GetRequiredService<GrowthBook>().RecordOutcomeAsync(commitment.Owner, commitment.Id, outcome, default)).Succeeded);
    }

    private static async Task RateAsync(GrowthKit kit, TestUser rater, string feedbackId, bool helpful)
    {
        await using var scope = kit.Host.Services.CreateAsyncScope();
        Assert.NotNull(await scope.ServiceProvider.GetRequiredService<RateFeedback>().RateAsync(rater.Person, feedbackId, helpful, default));
    }

    // Ben gives feedback to Ana, Cem and Dee (delivered); the first ratings-many recipients rate it: Ana and Cem
    // helpful (Ana with "specific"), Dee not really. Returns the feedback ids in that order.
    private static async Task<string[]> RatedGiftsAsync(GrowthKit kit, int ratings)
    {
        kit.Host.Connector.AddUser(Dee.Id, Dee.Aad, Dee.Name);
        await kit.Host.MeetAsync(Dee);
        var ids = new List<string>();
        foreach (var to in new[] { Ana, RequestKit.Cem, Dee })
        {
            ids.Add((await kit.DeliveredAsync(Ben, to, "Thanks for the clear release notes: the on-call team read them in a minute.")).FeedbackId);
        }

        var raters = new[] { (Ana, true), (RequestKit.Cem, true), (Dee, false) };
        for (var i = 0; i < ratings; i++)
        {
            await RateAsync(kit, raters[i].Item1, ids[i], raters[i].Item2);
        }

        await using var scope = kit.Host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RateFeedback>().ToggleReasonAsync(Ana.Person, ids[0], UsefulReason.Specific, default);
        return [.. ids];
    }
}
