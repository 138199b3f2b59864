using System.Text.Json.Nodes;
using FeedbackBot.Core.Digest;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Requests;
using FeedbackBot.Teams.Cards;
using FeedbackBot.Testing.Teams;
using static FeedbackBot.Teams.Tests.TeamsTestHost;

namespace FeedbackBot.Teams.Tests;

/// <summary>Every Core notice as an Adaptive Card 1.5, user text inert wherever it appears.</summary>
public sealed class NoticeCardsTests
{
    private const string Evil = "**x** [y](http://evil.example) <at>Ben</at> <script>z</script>";
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly RequestTally Tally = new(1, 1, 0, 1);

    public static TheoryData<string, ChatNotice> Notices()
    {
        var owed = new OwedRequest("r1", Ana.Person, Evil, new SourceLink("https://teams.microsoft.com/l/message/1", Evil), Now, Now.AddDays(3));
        return new TheoryData<string, ChatNotice>
        {
            { "received", new FeedbackReceivedNotice("f1", Ana.Person, new FeedbackContent(FeedbackTemplate.Sbi, new Dictionary<string, string> { [TemplateParts.Situation] = Evil, [TemplateParts.Impact] = "impact" }), FeedbackKind.Constructive, new SourceLink("javascript:alert(1)", Evil), Evil) },
            { "sent", new FeedbackSentNotice("f1", Ben.Person, true) },
            { "not delivered", new FeedbackNotDeliveredNotice("f1", Ben.Person, Evil) },
            { "requested", new FeedbackRequestedNotice("r1", Ana.Person, Evil, null, Now.AddDays(3)) },
            { "nudge", new NudgeNotice([owed, owed with { RequestId = "r2" }]) },
            { "answered", new RequestAnsweredNotice("r1", Evil, null, "f1", Tally) },
            { "declined", new RequestDeclinedNotice("r1", Evil, Ben.Person, Evil, Tally) },
            { "summary", new RequestSummaryNotice("r1", Evil, Now, Tally) },
            { "digest", new WeeklyDigestNotice("2026-W10", 2, [new DigestExcerpt("f1", Ana.Person, FeedbackKind.Praise, Evil, Now), new DigestExcerpt("f2", null, FeedbackKind.Praise, "x", Now)],
                [owed], [new WaitingRequest("r3", Evil, Now, Now.AddDays(2), Tally, null)],
                new DigestSuggestion(Ben.Person, SuggestionKind.ThankGiver, "gave you feedback", Now), new FeedbackStreak(3, true), false) },
            { "check-in", new Core.Growth.CommitmentCheckInNotice("c1", Evil, 14, Ana.Person) },
        };
    }

    [Theory]
    [MemberData(nameof(Notices))]
    public void EveryNotice_IsAnAdaptiveCard15_WithUserTextOnlyInTextRuns(string name, ChatNotice notice)
    {
        var names = new Dictionary<PersonRef, string> { [Ana.Person] = "**Ana** <at>All</at>", [Ben.Person] = Ben.Name };

        var card = notice.RenderWith(new NoticeCards(names));

        Assert.Equal("AdaptiveCard", (string?)card["type"]);
        Assert.Equal("1.5", (string?)card["version"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)card["fallbackText"]), name);
        Assert.DoesNotContain("evil", (string?)card["fallbackText"] ?? "");
        var message = new ConnectorMessage("c", "a", new JsonObject { ["attachments"] = new JsonArray(new JsonObject { ["content"] = card }) });
        if (message.CardText.Contains(Evil, StringComparison.Ordinal))
        {
            RoutingTests.AssertUserTextOnlyInTextRuns(card, Evil);
        }

        if (message.CardText.Contains("**Ana**", StringComparison.Ordinal))
        {
            RoutingTests.AssertUserTextOnlyInTextRuns(card, "**Ana** <at>All</at>");
        }

        // Only http(s) links become buttons.
        Assert.DoesNotContain("javascript:", card.ToJsonString());
    }

    [Fact]
    public void UnknownName_IsAColleague_NeverAnId()
    {
        var card = new FeedbackSentNotice("f1", Ben.Person, false).RenderWith(new NoticeCards(new Dictionary<PersonRef, string>()));

        Assert.Contains("A colleague", card.ToJsonString());
        Assert.DoesNotContain(Ben.Aad, card.ToJsonString());
    }
}
