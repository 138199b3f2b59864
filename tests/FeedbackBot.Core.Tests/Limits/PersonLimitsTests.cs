using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Limits;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Requests;
using FeedbackBot.Core.Tests.Fakes;

namespace FeedbackBot.Core.Tests.Limits;

/// <summary>
/// Per-person limits in the use cases, over the in-memory limiter with the Redis limiter's semantics (sliding
/// windows; a refused use records nothing). The Redis limiter itself is checked against real servers in the
/// storage tests.
/// </summary>
public sealed class PersonLimitsTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    private readonly CoreWorld _world = new(Start);
    private readonly PersonRef _giver;
    private readonly PersonRef _ana;
    private readonly PersonRef _bob;

    public PersonLimitsTests()
    {
        _giver = _world.Person("UGIVER", "Europe/Berlin");
        _ana = _world.Person("UANA");
        _bob = _world.Person("UBOB");
        _world.LimitsOptions.FeedbackPerHour = 3;
        _world.LimitsOptions.FeedbackPerDay = 5;
        _world.LimitsOptions.RequestsPerDay = 2;
    }

    private Task<GiveFeedbackResult> GiveAsync(params PersonRef[] to) =>
        _world.GiveFeedback.GiveAsync(new GiveFeedbackCommand(_giver, to, FeedbackContent.FromText("Your demo on Monday was clear."), FeedbackKind.Praise), default);

    [Fact]
    public async Task Give_OverHourlyLimit_RefusedWithTimeInGiversZone_StoresNothing()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await GiveAsync(_ana)).Succeeded);
            _world.Time.Advance(TimeSpan.FromMinutes(10));
        }

        var refused = await GiveAsync(_ana);

        var problem = Assert.Single(refused.Problems);
        Assert.Equal(GiveProblemCode.LimitReached, problem.Code);
        // The first give (09:00 UTC) leaves the hour at 10:00 UTC, which is 11:00 in Berlin.
        Assert.Equal(Start.AddHours(1), problem.Limit!.RetryAt);
        Assert.Contains("today at 11:00 (Europe/Berlin)", problem.Message);
        Assert.Contains("3 pieces of feedback in an hour", problem.Message);
        Assert.Equal(3, _world.Feedback.All.Count);
        Assert.Equal(3, _world.Limiter.Count(_giver, LimitedAction.Feedback));
    }

    [Fact]
    public async Task Give_WindowSlides_AllowedAgainOnceTheOldestLeaves()
    {
        for (var i = 0; i < 3; i++)
        {
            await GiveAsync(_ana);
            _world.Time.Advance(TimeSpan.FromMinutes(10));
        }

        _world.Time.SetUtcNow(Start.AddHours(1).AddMilliseconds(-1));
        Assert.False((await GiveAsync(_ana)).Succeeded);
        _world.Time.SetUtcNow(Start.AddHours(1));
        Assert.True((await GiveAsync(_ana)).Succeeded);
    }

    [Fact]
    public async Task Give_CountsOnePerRecipient_AllOrNothing()
    {
        Assert.True((await GiveAsync(_ana, _bob)).Succeeded);

        var refused = await GiveAsync(_ana, _bob);

        Assert.Equal(GiveProblemCode.LimitReached, Assert.Single(refused.Problems).Code);
        Assert.Equal(2, _world.Feedback.All.Count);
        Assert.True((await GiveAsync(_ana)).Succeeded); // one still fits
    }

    [Fact]
    public async Task Give_DailyLimit_SaysTomorrowWhenTheHourIsNotTheProblem()
    {
        _world.LimitsOptions.FeedbackPerHour = 0; // off
        for (var i = 0; i < 5; i++)
        {
            await GiveAsync(_ana);
        }

        _world.Time.Advance(TimeSpan.FromHours(12)); // 21:00 UTC, 22:00 in Berlin
        var refused = await GiveAsync(_ana);

        var problem = Assert.Single(refused.Problems);
        Assert.Equal(TimeSpan.FromDays(1), problem.Limit!.Window.Length);
        Assert.Contains("tomorrow at 10:00 (Europe/Berlin)", problem.Message);
    }

    [Fact]
    public async Task Give_InvalidGive_DoesNotUseTheAllowance()
    {
        for (var i = 0; i < 5; i++)
        {
            Assert.False((await GiveAsync(_giver)).Succeeded); // to yourself: refused before the limit
        }

        Assert.Equal(0, _world.Limiter.Count(_giver, LimitedAction.Feedback));
        Assert.True((await GiveAsync(_ana)).Succeeded);
    }

    [Fact]
    public async Task Give_LimitsOff_NeverRefused()
    {
        _world.LimitsOptions.FeedbackPerHour = 0;
        _world.LimitsOptions.FeedbackPerDay = 0;

        for (var i = 0; i < 20; i++)
        {
            Assert.True((await GiveAsync(_ana)).Succeeded);
        }
    }

    [Fact]
    public async Task Request_OverDailyLimit_RefusedAndNobodyAsked()
    {
        await _world.AskAsync(_giver, "How did my talk land?", _ana);
        await _world.AskAsync(_giver, "How was the review?", _bob);
        var sent = _world.Messenger.Snapshot().Count;

        var refused = await _world.RequestFeedback.RequestAsync(new RequestFeedbackCommand(_giver, [_ana], "And the retro?"), default);

        var problem = Assert.Single(refused.Problems);
        Assert.Equal(RequestProblemCode.LimitReached, problem.Code);
        Assert.Contains("2 requests in a day", problem.Message);
        Assert.Null(refused.Created);
        Assert.Equal(sent, _world.Messenger.Snapshot().Count);
    }

    [Fact]
    public void Message_MoreThanTheLimitAtOnce_SaysPickFewer()
    {
        var limit = new LimitReached(LimitedAction.Feedback, new UsageWindow(TimeSpan.FromHours(1), 3), null, TimeZoneInfo.Utc, Start);
        Assert.Contains("Try fewer people", limit.Message);
    }
}
