using FeedbackBot.Core.Nudges;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Preferences;
using FeedbackBot.Core.Requests;
using Microsoft.Extensions.Options;
using static FeedbackBot.Core.Tests.Fakes.CoreWorld;

namespace FeedbackBot.Core.Tests.Nudges;

public sealed class NudgePolicyTests
{
    private static readonly PersonRef Ada = new(Platform.Slack, "T1", "UADA");
    private static readonly PersonRef Bob = new(Platform.Slack, "T1", "UBOB");
    private readonly NudgePolicy _policy = new(Options.Create(new NudgeOptions()));

    private static FeedbackRequest Request(DateTimeOffset created, DateTimeOffset due, RequestRecipient? bob = null) =>
        new("r1", Ada, "How was my talk?", null, created, due, [bob ?? new RequestRecipient(Bob)]);

    private static PersonContext Context(PersonalPreferences? prefs = null) =>
        new(Bob, prefs ?? PersonalPreferences.Default, null, PersonCalendar.Default);

    [Fact]
    public void PlannedNudges_FirstAfterDelayAndLastOnDueDay()
    {
        var request = Request(Utc(2025, 3, 3, 10, 0), Utc(2025, 3, 6, 17, 0));

        Assert.Equal([Utc(2025, 3, 4, 10, 0), Utc(2025, 3, 6, 9, 0)], _policy.PlannedNudges(request, PersonCalendar.Default));
    }

    [Fact]
    public void PlannedNudges_ShortRequestGetsOneNudgeNotTwoOnOneDay()
    {
        // Asked Wednesday 10:00, due Thursday 17:00: first (Thu 10:00) and last (Thu 09:00) share a day.
        var request = Request(Utc(2025, 3, 5, 10, 0), Utc(2025, 3, 6, 17, 0));

        Assert.Equal([Utc(2025, 3, 6, 9, 0)], _policy.PlannedNudges(request, PersonCalendar.Default));
    }

    [Fact]
    public void PlannedNudges_NeverOnTheDayOfTheAsk()
    {
        var request = Request(Utc(2025, 3, 6, 8, 0), Utc(2025, 3, 6, 17, 0));

        Assert.Empty(_policy.PlannedNudges(request, PersonCalendar.Default));
    }

    [Fact]
    public void NextNudgeAt_AfterFirstNudgeIsTheDueDayNudge()
    {
        var bob = new RequestRecipient(Bob, NudgesSent: 1, LastNudgedAt: Utc(2025, 3, 4, 10, 0));
        var request = Request(Utc(2025, 3, 3, 10, 0), Utc(2025, 3, 6, 17, 0), bob);

        Assert.Equal(Utc(2025, 3, 6, 9, 0), _policy.NextNudgeAt(request, bob, Context()));
    }

    [Fact]
    public void NextNudgeAt_SnoozeEndIsTheNextNudge()
    {
        var bob = new RequestRecipient(Bob, SnoozedUntil: Utc(2025, 3, 5, 9, 0));
        var request = Request(Utc(2025, 3, 3, 10, 0), Utc(2025, 3, 6, 17, 0), bob);

        Assert.Equal(Utc(2025, 3, 5, 9, 0), _policy.NextNudgeAt(request, bob, Context()));
    }

    [Fact]
    public void NextNudgeAt_PersonalSnoozeDelaysNudge()
    {
        var request = Request(Utc(2025, 3, 3, 10, 0), Utc(2025, 3, 6, 17, 0));
        var prefs = PersonalPreferences.Default with { SnoozedUntil = Utc(2025, 3, 5, 12, 0) };

        Assert.Equal(Utc(2025, 3, 5, 12, 0), _policy.NextNudgeAt(request, request.Recipients[0], Context(prefs)));
    }

    [Fact]
    public void NextNudgeAt_NudgesOffMeansOnlyExpiry()
    {
        var request = Request(Utc(2025, 3, 3, 10, 0), Utc(2025, 3, 6, 17, 0));
        var prefs = PersonalPreferences.Default with { NudgesEnabled = false };

        Assert.Null(_policy.NextNudgeAt(request, request.Recipients[0], Context(prefs)));
        Assert.Equal(request.DueAt, _policy.NextCheckAt(request, request.Recipients[0], Context(prefs)));
    }

    [Fact]
    public void DailyCap_PersonalPreferenceWinsOverDefault()
    {
        Assert.Equal(1, _policy.DailyCap(PersonalPreferences.Default));
        Assert.Equal(3, _policy.DailyCap(PersonalPreferences.Default with { NudgeDailyCap = 3 }));
        Assert.Equal(1, _policy.DailyCap(PersonalPreferences.Default with { NudgeDailyCap = 0 }));
    }
}
