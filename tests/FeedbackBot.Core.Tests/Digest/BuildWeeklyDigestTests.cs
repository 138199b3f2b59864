using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Digest;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.Nudges;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Requests;
using FeedbackBot.Core.Tests.Fakes;
using static FeedbackBot.Core.Tests.Fakes.CoreWorld;

namespace FeedbackBot.Core.Tests.Digest;

public sealed class BuildWeeklyDigestTests
{
    // Friday 7 March 2025 15:00 UTC: week 2025-W10 runs Monday 3 to Sunday 9 March.
    private readonly CoreWorld _world = new(Utc(2025, 3, 7, 15, 0));

    private async Task<WeeklyDigestNotice?> BuildFor(PersonRef person) =>
        await _world.BuildDigest.BuildAsync(await _world.Clock.LoadAsync(person, default), "2025-W10", default);

    private async Task Store(FeedbackItem item) => await _world.Feedback.SaveAsync(item, default);

    [Fact]
    public async Task BuildWeeklyDigest_CountsLastSevenDaysAndHidesAnonymousGivers()
    {
        var ada = _world.Person("UADA");
        var bob = _world.Person("UBOB");
        var cem = _world.Person("UCEM");
        await Store(_world.Give(bob, ada, "Old news", at: Utc(2025, 2, 27, 10, 0)));
        await Store(_world.Give(bob, ada, "Great demo on Saturday", at: Utc(2025, 3, 1, 10, 0)));
        await Store(_world.Give(cem, ada, "Thanks for the review", at: Utc(2025, 3, 4, 10, 0)));
        await Store(_world.Give(cem, ada, "Please share slides earlier", anonymous: true, at: Utc(2025, 3, 6, 10, 0)));
        await Store(_world.Give(bob, ada, "Still on its way", at: Utc(2025, 3, 7, 14, 0), delivery: DeliveryStatus.Pending));

        var digest = await BuildFor(ada);

        Assert.NotNull(digest);
        Assert.Equal(3, digest.ReceivedCount);
        Assert.Equal(
            [(null, "Please share slides earlier"), (cem, "Thanks for the review"), (bob, "Great demo on Saturday")],
            digest.Latest.Select(e => (e.From, e.Text)));
        Assert.False(digest.NothingNew);
    }

    [Fact]
    public async Task BuildWeeklyDigest_ListsOwedAndWaitingRequests()
    {
        var ada = _world.Person("UADA");
        var bob = _world.Person("UBOB");
        var mine = await _world.AskAsync(ada, "How was my talk?", bob);
        var theirs = await _world.AskAsync(bob, "Was my review useful?", ada);

        var digest = await BuildFor(ada);

        Assert.Equal([theirs.Id], digest!.Owed.Select(o => o.RequestId));
        Assert.Equal([mine.Id], digest.Waiting.Select(w => w.RequestId));
        Assert.Equal(0, digest.ReceivedCount);
    }

    [Fact]
    public async Task BuildWeeklyDigest_NothingToSayReturnsNullUnlessShortVariantIsOn()
    {
        var ada = _world.Person("UADA");

        var none = await BuildFor(ada);
        _world.DigestOptions.SendWhenEmpty = true;
        var shortOne = await BuildFor(ada);

        Assert.Null(none);
        Assert.NotNull(shortOne);
        Assert.True(shortOne.NothingNew);
        Assert.Equal("2025-W10", shortOne.WeekKey);
    }

    [Fact]
    public async Task Suggestion_SomeoneWaitingOnYouComesFirst()
    {
        var ada = _world.Person("UADA");
        var bob = _world.Person("UBOB");
        var cem = _world.Person("UCEM");
        var dee = _world.Person("UDEE");
        await Store(_world.Give(dee, ada, "Nice work", at: Utc(2025, 3, 6, 10, 0)));
        _world.SetNow(Utc(2025, 3, 7, 15, 1));
        await _world.AskAsync(bob, "Later due", ada); // due Wed 12 March
        var soonest = await _world.RequestFeedback.RequestAsync(
            new RequestFeedbackCommand(cem, [ada], "Sooner due", DueDate: new DateOnly(2025, 3, 10)), default);

        var digest = await BuildFor(ada);

        var suggestion = digest!.Suggestion!;
        Assert.Equal((cem, SuggestionKind.HelpAsker, soonest.Created!.Id), (suggestion.Person, suggestion.Kind, suggestion.RequestId));
        Assert.Equal("asked you for feedback on \"Sooner due\" (due 2025-03-10).", suggestion.Because);
    }

    [Fact]
    public async Task Suggestion_ThanksMostRecentNamedGiverNotYetThanked()
    {
        var ada = _world.Person("UADA");
        var bob = _world.Person("UBOB");
        var cem = _world.Person("UCEM");
        var dee = _world.Person("UDEE");
        await Store(_world.Give(bob, ada, "Good call", at: Utc(2025, 3, 3, 10, 0)));
        await Store(_world.Give(cem, ada, "Nice", at: Utc(2025, 3, 4, 10, 0)));
        await Store(_world.Give(ada, cem, "Thanks!", at: Utc(2025, 3, 4, 12, 0))); // Cem was thanked
        await Store(_world.Give(dee, ada, "Anonymous hint", anonymous: true, at: Utc(2025, 3, 6, 10, 0)));

        var first = await BuildFor(ada);
        var again = await BuildFor(ada);

        Assert.Equal((bob, SuggestionKind.ThankGiver), (first!.Suggestion!.Person, first.Suggestion.Kind));
        Assert.Equal("gave you feedback on 2025-03-03 and hasn't heard from you since.", first.Suggestion.Because);
        Assert.Equal(first.Suggestion, again!.Suggestion); // deterministic
    }

    [Fact]
    public async Task Suggestion_ReturnTheFavourToSomeoneYouAsked()
    {
        var ada = _world.Person("UADA");
        var bob = _world.Person("UBOB");
        var cem = _world.Person("UCEM");
        var request = await _world.AskAsync(ada, "How was my talk?", cem, bob);

        var digest = await BuildFor(ada);

        // Same ask, so the person key breaks the tie: UBOB before UCEM.
        Assert.Equal((bob, SuggestionKind.ReturnTheFavour, request.Id), (digest!.Suggestion!.Person, digest.Suggestion.Kind, digest.Suggestion.RequestId));
    }

    [Fact]
    public async Task Suggestion_NoneWithoutInteractions()
    {
        var ada = _world.Person("UADA");
        _world.DigestOptions.SendWhenEmpty = true;

        Assert.Null((await BuildFor(ada))!.Suggestion);
    }

    [Fact]
    public void Streak_CountsConsecutiveWeeksInLocalTime()
    {
        var now = Utc(2025, 3, 7, 15, 0); // W10
        DateTimeOffset[] threeInARow = [Utc(2025, 2, 18, 10, 0), Utc(2025, 2, 26, 10, 0), Utc(2025, 3, 3, 10, 0)];
        DateTimeOffset[] notYetThisWeek = [Utc(2025, 2, 18, 10, 0), Utc(2025, 2, 26, 10, 0)];
        DateTimeOffset[] broken = [Utc(2025, 2, 11, 10, 0), Utc(2025, 2, 26, 10, 0)];
        // Sunday 2 March 20:00 UTC is already Monday 3 March in Sydney: it counts for W10 there.
        DateTimeOffset[] sundayNight = [Utc(2025, 3, 2, 20, 0)];
        var sydney = TimeZoneInfo.FindSystemTimeZoneById("Australia/Sydney");

        Assert.Equal(new FeedbackStreak(3, true), FeedbackStreak.From(threeInARow, now, TimeZoneInfo.Utc));
        Assert.Equal(new FeedbackStreak(2, false), FeedbackStreak.From(notYetThisWeek, now, TimeZoneInfo.Utc));
        Assert.Equal(new FeedbackStreak(1, false), FeedbackStreak.From(broken, now, TimeZoneInfo.Utc));
        Assert.Equal(FeedbackStreak.None, FeedbackStreak.From([], now, TimeZoneInfo.Utc));
        Assert.Equal(new FeedbackStreak(1, false), FeedbackStreak.From(sundayNight, now, TimeZoneInfo.Utc));
        Assert.Equal(new FeedbackStreak(1, true), FeedbackStreak.From(sundayNight, now, sydney));
    }

    [Fact]
    public async Task BuildWeeklyDigest_IncludesStreakOfFeedbackGiven()
    {
        var ada = _world.Person("UADA");
        var bob = _world.Person("UBOB");
        await Store(_world.Give(ada, bob, "Nice", at: Utc(2025, 2, 26, 10, 0)));
        await Store(_world.Give(ada, bob, "Nice again", at: Utc(2025, 3, 5, 10, 0)));
        await Store(_world.Give(bob, ada, "Thanks", at: Utc(2025, 3, 6, 10, 0)));

        var digest = await BuildFor(ada);

        Assert.Equal(new FeedbackStreak(2, true), digest!.Streak);
    }

    [Fact]
    public void Excerpt_CutsLongTextWithEllipsis()
    {
        Assert.Equal("one two", BuildWeeklyDigest.Excerpt("one\n two  ", 10));
        Assert.Equal("abcdefghi…", BuildWeeklyDigest.Excerpt("abcdefghijklmnop", 10));
    }

    [Fact]
    public async Task PersonClock_FallsBackToUtcForUnknownZone()
    {
        var ada = _world.Person("UADA", "Mars/Olympus_Mons");

        var context = await _world.Clock.LoadAsync(ada, default);

        Assert.Equal(TimeZoneInfo.Utc, context.Calendar.TimeZone);
        Assert.Equal(PersonCalendar.Default, context.Calendar);
    }
}
