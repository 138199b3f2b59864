using FeedbackBot.Core;
using FeedbackBot.Core.Coaching;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Requests;
using FeedbackBot.Testing;
using FeedbackBot.Web.Growth;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace FeedbackBot.Web.Tests;

public sealed class GrowthPageBuilderTests
{
    private static readonly PersonRef Ada = WebTestHost.Person("U1"), Grace = WebTestHost.Person("U2"), Bea = WebTestHost.Person("U3");
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-06-15T12:00:00Z"));
    private readonly InMemoryFeedbackStore _feedback = new();
    private readonly InMemoryRequestStore _requests;
    private readonly TestGrowth _growth = new();
    private readonly Mock<IPeopleDirectory> _people = new();

    public GrowthPageBuilderTests()
    {
        _requests = new InMemoryRequestStore(_time);
        _people.Setup(p => p.GetProfileAsync(It.IsAny<PersonRef>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((PersonRef p, CancellationToken _) => new PersonProfile(p, "Name of " + p.UserId, null, false));
    }

    private GrowthPageBuilder Builder() =>
        new(_feedback, new CountedGrowthFigures(_feedback, _requests, new FeedbackCoach(_time)), _growth, _people.Object, _time, NullLogger<GrowthPageBuilder>.Instance);

    private async Task<FeedbackItem> GiveAsync(PersonRef from, PersonRef to, string text, bool anonymous = false, int daysAgo = 1, FeedbackKind kind = FeedbackKind.Praise, string? requestId = null)
    {
        var item = new FeedbackItem(Ids.New(_time, to.Workspace), from, to, FeedbackContent.FromText(text), kind, FeedbackVisibility.Private,
            anonymous, null, requestId, _time.GetUtcNow().AddDays(-daysAgo), DeliveryStatus.Delivered);
        await _feedback.SaveAsync(item, CancellationToken.None);
        return item;
    }

    private Task<GrowthPageModel> BuildAsync(PersonRef me, GrowthFilter? filter = null) =>
        Builder().BuildAsync(me, filter ?? GrowthFilter.None, [], CancellationToken.None);

    [Fact]
    public async Task AnonymousGiver_IsNeverNamed_NorFindableByFilter()
    {
        await GiveAsync(Grace, Ada, "named");
        await GiveAsync(Bea, Ada, "anonymous one", anonymous: true);

        var all = await BuildAsync(Ada);
        Assert.Equal(["Anonymous", "Name of U2"], all.Timeline.Select(e => e.From).Order());
        Assert.Equal(["U2"], all.GiverOptions.Select(o => o.Value)); // Bea gave only anonymously: not offered
        _people.Verify(p => p.GetProfileAsync(Bea, It.IsAny<CancellationToken>()), Times.Never);

        var byBea = await BuildAsync(Ada, GrowthFilter.None with { Giver = "U3" });
        Assert.Empty(byBea.Timeline);
    }

    [Fact]
    public async Task AnonymousItem_DoesNotMatchItsGiversFilterEvenWhenTheyAlsoGaveNamed()
    {
        await GiveAsync(Grace, Ada, "named by Grace");
        await GiveAsync(Grace, Ada, "anonymous by Grace", anonymous: true);

        var byGrace = await BuildAsync(Ada, GrowthFilter.None with { Giver = "U2" });

        Assert.Equal(["named by Grace"], byGrace.Timeline.Select(e => e.Parts[0].Text));
    }

    [Fact]
    public async Task OnlyMyOwnReceivedItems_AreInTheTimeline()
    {
        await GiveAsync(Grace, Ada, "for Ada");
        await GiveAsync(Ada, Grace, "Ada gave this to Grace");
        await GiveAsync(Bea, Grace, "for Grace");

        var page = await BuildAsync(Ada);

        Assert.Equal(["for Ada"], page.Timeline.Select(e => e.Parts[0].Text));
        var perMonth = page.Charts.Single(c => c.Id == "per-month");
        Assert.Equal(1, perMonth.Series[0].Values.Sum()); // received
        Assert.Equal(1, perMonth.Series[1].Values.Sum()); // given
    }

    [Fact]
    public async Task Filters_ThemeKindPeriod_AndPaging()
    {
        var old = await GiveAsync(Grace, Ada, "old, delegation", daysAgo: 200);
        await GiveAsync(Grace, Ada, "recent constructive", daysAgo: 5, kind: FeedbackKind.Constructive);
        for (var i = 0; i < 30; i++) await GiveAsync(Bea, Ada, $"praise {i}", daysAgo: 10 + i);
        _growth.Records[Ada] = new GrowthRecord([new GrowthTheme("th1", "Delegation", [old.Id])], []);

        Assert.Equal(["old, delegation"], (await BuildAsync(Ada, GrowthFilter.None with { Theme = "th1" })).Timeline.Select(e => e.Parts[0].Text));
        Assert.Empty((await BuildAsync(Ada, GrowthFilter.None with { Theme = "nope" })).Timeline);
        Assert.Equal(["recent constructive"], (await BuildAsync(Ada, GrowthFilter.None with { Kind = FeedbackKind.Constructive })).Timeline.Select(e => e.Parts[0].Text));
        var recent = await BuildAsync(Ada, GrowthFilter.None with { Period = "90d" });
        Assert.Null(recent.TimelineTotal); // filtered: no total is counted
        Assert.Equal(25, recent.Timeline.Count);
        var recentOlder = await BuildAsync(Ada, recent.Filter with { Before = recent.Older });
        Assert.Equal(6, recentOlder.Timeline.Count);
        Assert.Null(recentOlder.Older);

        var page1 = await BuildAsync(Ada);
        Assert.Equal(32, page1.TimelineTotal);
        Assert.Equal(25, page1.Timeline.Count);
        Assert.NotNull(page1.Older);
        Assert.DoesNotContain("old", page1.Filter.QueryFor(page1.Older)); // a cursor, never text
        var page2 = await BuildAsync(Ada, GrowthFilter.None with { Before = page1.Older });
        Assert.Equal(7, page2.Timeline.Count);
        Assert.Null(page2.Older);
        Assert.Empty(page1.Timeline.Select(e => e.Parts[0].Text).Intersect(page2.Timeline.Select(e => e.Parts[0].Text)));
        Assert.Equal(["Delegation"], page2.Timeline[^1].Themes);
    }

    [Fact]
    public async Task CoachChart_SharePerCriterion_AndTimeToAnswer_MedianHoursByMonth()
    {
        await GiveAsync(Ada, Grace, "In Tuesday's demo you walked the client through the rollback plan, which calmed them down. Thank you!", daysAgo: 2);
        await GiveAsync(Ada, Grace, "great job", daysAgo: 3);
        var asked = _time.GetUtcNow().AddDays(-3);
        var request = new FeedbackRequest(Ids.New(_time, Ada.Workspace), Ada, "How was my demo?", null, asked, asked.AddDays(3),
        [
            new RequestRecipient(Grace, RecipientStatus.Answered, asked.AddHours(2)),
            new RequestRecipient(Bea, RecipientStatus.Answered, asked.AddHours(6)),
        ]);
        await _requests.SaveAsync(request, CancellationToken.None);
        await GiveAsync(Grace, Ada, "demo was good", requestId: request.Id, daysAgo: 2);

        var page = await BuildAsync(Ada);

        var coach = page.Charts.Single(c => c.Id == "coach");
        var specific = coach.Series.Single(s => s.Name == "Specific").Values;
        Assert.Equal(50, specific[^1]); // one of the two given this month names the occasion
        Assert.All(coach.Series, s => Assert.All(s.Values.SkipLast(1), Assert.Null)); // no feedback given in earlier months
        var answers = page.Charts.Single(c => c.Id == "time-to-answer");
        Assert.Equal(4, answers.Series[0].Values[^1]); // median of 2 h and 6 h
    }
}
