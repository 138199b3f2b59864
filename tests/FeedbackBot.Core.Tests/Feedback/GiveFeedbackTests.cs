using Microsoft.Extensions.Options;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Preferences;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace FeedbackBot.Core.Tests.Feedback;

public sealed class GiveFeedbackTests
{
    private static readonly PersonRef Me = new(Platform.Slack, "T1", "UME");
    private static readonly PersonRef Ana = new(Platform.Slack, "T1", "UANA");
    private static readonly PersonRef Bob = new(Platform.Slack, "T1", "UBOB");
    private static readonly PersonRef Robot = new(Platform.Slack, "T1", "UBOT");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));
    private readonly Mock<IFeedbackStore> _store = new();
    private readonly Mock<IPeopleDirectory> _people = new();
    private readonly Mock<IPreferencesStore> _prefs = new();
    private readonly Mock<IDeliveryDispatcher> _jobs = new();

    public GiveFeedbackTests()
    {
        foreach (var (p, bot) in new[] { (Me, false), (Ana, false), (Bob, false), (Robot, true) })
        {
            _people.Setup(d => d.GetProfileAsync(p, It.IsAny<CancellationToken>())).ReturnsAsync(new PersonProfile(p, p.UserId, "UTC", bot));
        }

        _prefs.Setup(s => s.GetAsync(It.IsAny<PersonRef>(), It.IsAny<CancellationToken>())).ReturnsAsync(PersonalPreferences.Default);
        _prefs.Setup(s => s.GetAsync(Bob, It.IsAny<CancellationToken>())).ReturnsAsync(PersonalPreferences.Default with { AcceptsAnonymous = true });
    }

    private GiveFeedback Sut => new(_store.Object, _people.Object, _prefs.Object, Mock.Of<FeedbackBot.Core.Ports.IRequestStore>(), _jobs.Object, TestLimits.Off(_time), Options.Create(new DeliveryOptions()), _time, NullLogger<GiveFeedback>.Instance);

    private static GiveFeedbackCommand Command(string text, bool anonymous = false, params PersonRef[] to) =>
        new(Me, to, FeedbackContent.FromText(text), FeedbackKind.Praise, Anonymous: anonymous);

    [Fact]
    public async Task Give_StoresEveryItemInOneStepThenDispatchesEachDelivery()
    {
        var order = new List<string>();
        _store.Setup(s => s.SaveAsync(It.IsAny<IReadOnlyList<FeedbackItem>>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .Callback((IReadOnlyList<FeedbackItem> items, DateTimeOffset due, CancellationToken _) =>
                order.Add("save:" + string.Join(",", items.Select(i => i.Recipient.UserId)) + "@" + (due - _time.GetUtcNow()).TotalSeconds))
            .Returns(Task.CompletedTask);
        _jobs.Setup(j => j.Dispatch(It.IsAny<string>())).Callback(() => order.Add("dispatch"));

        var result = await Sut.GiveAsync(Command("Thanks for unblocking the release.", false, Ana, Bob, Ana), default);

        Assert.True(result.Succeeded);
        Assert.Equal(2, result.Created.Count);
        Assert.All(result.Created, i => Assert.Equal(_time.GetUtcNow(), i.CreatedAt));
        // One atomic save with the sweeper's grace period, and only then the fast path.
        Assert.Equal(["save:UANA,UBOB@30", "dispatch", "dispatch"], order);
        // Ids name the recipient's workspace, so storage keeps each item in that workspace's slot.
        Assert.All(result.Created, i => Assert.True(Ids.TryGetWorkspace(i.Id, out var w) && w == i.Recipient.Workspace));
    }

    // A timed-out save may have landed after the client stopped waiting (seen in the loaded soak: 964 gives
    // answered "not saved" were delivered). Storage is asked before the giver is told anything.
    [Fact]
    public async Task Give_SaveTimesOutButLanded_IsASuccessAndIsDispatched()
    {
        FeedbackItem? landed = null;
        _store.Setup(s => s.SaveAsync(It.IsAny<IReadOnlyList<FeedbackItem>>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .Callback((IReadOnlyList<FeedbackItem> items, DateTimeOffset _, CancellationToken _) => landed = items[0])
            .ThrowsAsync(new TimeoutException("no answer within 5000 ms"));
        _store.Setup(s => s.GetAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(() => landed);

        var result = await Sut.GiveAsync(Command("Thanks for unblocking the release.", false, Ana), default);

        Assert.True(result.Succeeded);
        _jobs.Verify(j => j.Dispatch(landed!.Id), Times.Once);
    }

    [Fact]
    public async Task Give_SaveFailsAndNothingLanded_Throws()
    {
        _store.Setup(s => s.SaveAsync(It.IsAny<IReadOnlyList<FeedbackItem>>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new TimeoutException("no answer"));
        _store.Setup(s => s.GetAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync((FeedbackItem?)null);

        await Assert.ThrowsAsync<TimeoutException>(() => Sut.GiveAsync(Command("Thanks for unblocking the release.", false, Ana), default));
        _jobs.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Give_SaveFailsAndStorageCannotSay_IsUnconfirmedNamingTheIds()
    {
        var saved = new List<string>();
        _store.Setup(s => s.SaveAsync(It.IsAny<IReadOnlyList<FeedbackItem>>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .Callback((IReadOnlyList<FeedbackItem> items, DateTimeOffset _, CancellationToken _) => saved.AddRange(items.Select(i => i.Id)))
            .ThrowsAsync(new TimeoutException("no answer"));
        _store.Setup(s => s.GetAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ThrowsAsync(new TimeoutException("still no answer"));

        var ex = await Assert.ThrowsAsync<SaveUnconfirmedException>(() => Sut.GiveAsync(Command("Thanks for unblocking the release.", false, Ana, Bob), default));

        Assert.Equal(saved, ex.Ids);
        _jobs.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Give_LookupFailureIsAProblemNotAnExceptionAndStoresNothing()
    {
        _people.Setup(d => d.GetProfileAsync(Ana, It.IsAny<CancellationToken>())).ThrowsAsync(new PeopleLookupException("users.info timed out"));

        var result = await Sut.GiveAsync(Command("Thanks for unblocking the release.", false, Ana), default);

        Assert.Equal(GiveProblemCode.DirectoryUnavailable, Assert.Single(result.Problems).Code);
        _store.VerifyNoOtherCalls();
        _jobs.VerifyNoOtherCalls();
    }

    [Theory]
    [InlineData("", GiveProblemCode.EmptyText)]
    [InlineData("   ", GiveProblemCode.EmptyText)]
    public async Task Give_EmptyTextIsRefusedAndNothingStored(string text, GiveProblemCode expected)
    {
        var result = await Sut.GiveAsync(Command(text, false, Ana), default);

        Assert.Equal(expected, Assert.Single(result.Problems).Code);
        _store.Verify(s => s.SaveAsync(It.IsAny<IReadOnlyList<FeedbackItem>>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Never);
        _jobs.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Give_SelfBotUnknownTooLongAndAnonymousAreEachExplained()
    {
        var stranger = new PersonRef(Platform.Slack, "T1", "UNOPE");

        var problems = (await Sut.GiveAsync(Command(new string('a', GiveFeedback.MaxLength + 1), true, Me, Robot, stranger, Ana), default)).Problems;

        Assert.Equal(
            [GiveProblemCode.TooLong, GiveProblemCode.Self, GiveProblemCode.Bot, GiveProblemCode.UnknownPerson, GiveProblemCode.AnonymousNotAccepted],
            problems.Select(p => p.Code));
        Assert.All(problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Message)));
        _store.Verify(s => s.SaveAsync(It.IsAny<IReadOnlyList<FeedbackItem>>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Give_AnonymousAllowedWhenRecipientAcceptsIt()
    {
        var result = await Sut.GiveAsync(Command("Your review comments were thorough and kind.", true, Bob), default);

        Assert.True(result.Succeeded);
        Assert.True(Assert.Single(result.Created).Anonymous);
    }
}
