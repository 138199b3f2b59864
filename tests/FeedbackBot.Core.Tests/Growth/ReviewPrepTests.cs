using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Growth;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Tests.Fakes;

namespace FeedbackBot.Core.Tests.Growth;

public sealed class ReviewPrepTests
{
    private static readonly DateTimeOffset Now = CoreWorld.Utc(2026, 6, 1, 10);

    /// <summary>Feedback across three themes (one item anonymous), two commitments, an answered request, and old and foreign data that must stay out.</summary>
    public static async Task<(GrowthWorld World, Core.People.PersonRef Me)> PopulateAsync()
    {
        var world = new GrowthWorld(Now.AddMonths(-8));
        var me = world.Core.Person("U1");
        var ana = world.Core.Person("UANA");
        var ben = world.Core.Person("UBEN");
        var secret = world.Core.Person("USECRET");
        await world.ReceivedAsync(ana, me, "Too old to count.", kind: FeedbackKind.Praise); // before the period
        world.Core.SetNow(Now.AddMonths(-3));
        var delegation = await world.ReceivedAsync(ana, me, "You could hand off the weekly report.");
        var planning = await world.ReceivedAsync(secret, me, "Your estimates slip; add a buffer.", anonymous: true);
        var request = await world.Core.AskAsync(me, "How was my demo?", ben);
        await world.ReceivedAsync(ben, me, "Great demo, clear story.", kind: FeedbackKind.Praise, requestId: request.Id);
        await world.ReceivedAsync(ana, world.Core.Person("U2"), "Someone else's feedback."); // not mine
        var speaking = await world.ReceivedAsync(ben, me, "Loved that you spoke up in the review.", kind: FeedbackKind.Praise);

        var delegationTheme = await world.Growth.EnsureThemeAsync(me, "Delegation", default);
        var speakingTheme = await world.Growth.EnsureThemeAsync(me, "Speaking up", default);
        Assert.Null(await world.Growth.AttachAsync(me, speakingTheme.Id, speaking.Id, default));
        await world.CommitAsync(me, "delegate the weekly report", delegation, themeId: delegationTheme.Id);
        var planned = await world.CommitAsync(me, "add a 20% buffer to estimates", planning, newTheme: "Project planning");
        await world.Growth.RecordOutcomeAsync(me, planned.Id, CommitmentOutcome.Done, default);
        world.Core.SetNow(Now);
        return (world, me);
    }

    [Fact]
    public async Task ReviewPrep_GroupsByTheme_WithCommitmentsOutcomesAndAnsweredRequests()
    {
        var (world, me) = await PopulateAsync();
        Assert.True(ReviewPeriod.TryParse("", Now, TimeZoneInfo.Utc, out var since));

        var prep = await world.ReviewPrep.BuildAsync(me, since, default);

        Assert.Equal(["Delegation", "Speaking up", "Project planning", null], prep.Themes.Select(t => t.Name));
        var delegation = prep.Themes[0];
        Assert.Equal("You could hand off the weekly report.", Assert.Single(delegation.Suggested).Text);
        Assert.Equal("delegate the weekly report", Assert.Single(delegation.Commitments).Text);
        Assert.Equal(CommitmentOutcome.Open, delegation.Commitments[0].Outcome);
        Assert.Equal("Loved that you spoke up in the review.", Assert.Single(prep.Themes[1].Praised).Text);
        var planning = prep.Themes[2];
        var anonymous = Assert.Single(planning.Suggested);
        Assert.Null(anonymous.From);
        Assert.Equal(CommitmentOutcome.Done, Assert.Single(planning.Commitments).Outcome);
        // Unthemed: the praise that answered my request; the old item and someone else's are not there.
        Assert.Equal(["Great demo, clear story."], prep.Themes[3].Praised.Select(q => q.Text));
        Assert.Equal("How was my demo?", Assert.Single(prep.RequestsAnswered).Question);
        Assert.Equal(1, prep.RequestsAnswered[0].Answers);
    }

    [Theory]
    [InlineData("", "2025-12-01T00:00:00+00:00")]
    [InlineData("3 months", "2026-03-01T00:00:00+00:00")]
    [InlineData("2 weeks", "2026-05-18T00:00:00+00:00")]
    [InlineData("1 year", "2025-06-01T00:00:00+00:00")]
    [InlineData("2026-01-01", "2026-01-01T00:00:00+00:00")]
    public void ReviewPeriod_ReadsSpansAndDates(string text, string expected)
    {
        Assert.True(ReviewPeriod.TryParse(text, Now, TimeZoneInfo.Utc, out var since));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), since);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("2027-01-01")]
    [InlineData("0 months")]
    [InlineData("2026-13-01")]
    public void ReviewPeriod_RefusesWhatItCannotRead(string text) =>
        Assert.False(ReviewPeriod.TryParse(text, Now, TimeZoneInfo.Utc, out _));

    [Fact]
    public void ThemeSuggester_PrefersOwnThemes_AndSaysWhichWordSuggestedIt()
    {
        GrowthTheme[] mine = [new("t1", "Delegation", [])];

        var own = ThemeSuggester.Suggest("Maybe delegate the report to Sam?", mine);
        var known = ThemeSuggester.Suggest("Your estimates were off by a week.", mine);

        Assert.Equal(new ThemeSuggestion("Delegation", "t1", "delegate"), own);
        Assert.Equal(new ThemeSuggestion("Project planning", null, "estimates"), known);
        Assert.Null(ThemeSuggester.Suggest("Thanks!", mine));
    }

    [Fact]
    public async Task Commit_WithANewThemeOfAnExistingName_ReusesIt_AndAttachesTheFeedback()
    {
        var world = new GrowthWorld(Now);
        var me = world.Core.Person("U1");
        var item = await world.ReceivedAsync(world.Core.Person("U2"), me, "hand off more");
        var theme = await world.Growth.EnsureThemeAsync(me, "Delegation", default);

        var commitment = await world.CommitAsync(me, "hand off the report", item, newTheme: "  delegation ");

        Assert.Equal(theme.Id, commitment.ThemeId);
        Assert.Equal([item.Id], Assert.Single(await world.Store.ListThemesAsync(me, default)).FeedbackIds);
    }

    [Fact]
    public async Task Commit_OnFeedbackOfSomeoneElse_IsRefused()
    {
        var world = new GrowthWorld(Now);
        var me = world.Core.Person("U1");
        var item = await world.ReceivedAsync(me, world.Core.Person("U2"), "hand off more");

        var result = await world.Growth.CommitAsync(new CommitCommand(me, "x", item.Id, null, null, CheckInChoice.None), default);

        Assert.Equal(GrowthProblem.NotYourFeedback, result.Problem);
        Assert.Empty(world.Store.All);
    }

    [Fact]
    public async Task GrowthReader_And_Export_ShowOnlyTheOwnersRecord()
    {
        var (world, me) = await PopulateAsync();

        var record = await world.Growth.GetAsync(me, default);
        var other = await world.Growth.GetAsync(world.Core.Person("UANA"), default);
        var export = (await new GrowthCommitmentsData(world.Store).ExportAsync(me, default))!.ToJsonString();

        Assert.Equal(3, record.Themes.Count);
        Assert.Equal(2, record.Commitments.Count);
        Assert.Empty(other.Themes);
        Assert.Empty(other.Commitments);
        Assert.Contains("delegate the weekly report", export);
        Assert.DoesNotContain("USECRET", export);
    }
}
