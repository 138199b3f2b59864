using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Requests;
using FeedbackBot.Core.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using static FeedbackBot.Core.Tests.Fakes.CoreWorld;

namespace FeedbackBot.Core.Tests.Requests;

public sealed class RequestFeedbackTests
{
    private readonly CoreWorld _world = new(Utc(2025, 3, 3, 10, 0));

    // A timed-out save may have landed: "not saved, try again" would make the requester ask everyone twice.
    [Fact]
    public async Task RequestFeedback_SaveTimesOutButLanded_IsStoredAndTheSweeperAsks()
    {
        _world.Requests.FailAfterSaving = new TimeoutException("no answer");

        var result = await _world.RequestFeedback.RequestAsync(
            new RequestFeedbackCommand(_world.Person("UADA"), [_world.Person("UBOB")], "Is the plan clear?"), default);

        Assert.True(result.Succeeded);
        Assert.NotNull(_world.Requests[result.Created!.Id]);
    }

    [Fact]
    public async Task RequestFeedback_SaveFailsAndStorageCannotSay_IsUnconfirmed()
    {
        _world.Requests.FailAfterSaving = new TimeoutException("no answer");
        _world.Requests.FailReads = new TimeoutException("still no answer");

        var ex = await Assert.ThrowsAsync<SaveUnconfirmedException>(() => _world.RequestFeedback.RequestAsync(
            new RequestFeedbackCommand(_world.Person("UADA"), [_world.Person("UBOB")], "Is the plan clear?"), default));

        Assert.Single(ex.Ids);
        Assert.Empty(_world.Messenger.SentTo<FeedbackRequestedNotice>(_world.Person("UBOB")));
    }

    [Fact]
    public async Task RequestFeedback_StoresAndAsksEachRecipient()
    {
        var ada = _world.Person("UADA");
        var bob = _world.Person("UBOB");
        var cem = _world.Person("UCEM");
        var source = new SourceLink("https://chat.example/m/1", "Here's the rollout plan", ada);

        var result = await _world.RequestFeedback.RequestAsync(
            new RequestFeedbackCommand(ada, [bob, cem, bob], "  Is the plan clear?  ", source), default);

        Assert.True(result.Succeeded);
        var stored = _world.Requests[result.Created!.Id];
        Assert.Equal("Is the plan clear?", stored.Question);
        Assert.Equal([bob, cem], stored.Recipients.Select(r => r.Person));
        Assert.All(stored.Recipients, r => Assert.Equal(RecipientStatus.Pending, r.Status));
        foreach (var person in new[] { bob, cem })
        {
            var ask = Assert.Single(_world.Messenger.SentTo<FeedbackRequestedNotice>(person));
            Assert.Equal(new FeedbackRequestedNotice(stored.Id, ada, "Is the plan clear?", source, stored.DueAt), ask);
        }
    }

    [Fact]
    public async Task RequestFeedback_StoresOneNudgeCheckPerRecipient()
    {
        var ada = _world.Person("UADA");
        var bob = _world.Person("UBOB");
        var chandra = _world.Person("UCHANDRA", "Asia/Kolkata");

        await _world.RequestFeedback.RequestAsync(new RequestFeedbackCommand(ada, [bob, chandra], "Thoughts?"), default);

        Assert.Equal(
            new Dictionary<PersonRef, DateTimeOffset> { [bob] = Utc(2025, 3, 4, 10, 0), [chandra] = Utc(2025, 3, 4, 10, 0) }, // 15:30 IST
            _world.Requests.NudgeSchedule);
    }

    [Fact]
    public async Task RequestFeedback_DefaultDueIsThreeWorkingDaysInRequestersZone()
    {
        var world = new CoreWorld(Utc(2025, 3, 7, 19, 0)); // Friday 14:00 in New York
        var nia = world.Person("UNIA", "America/New_York");
        var bob = world.Person("UBOB");

        var request = await world.AskAsync(nia, "Thoughts?", bob);

        Assert.Equal(Utc(2025, 3, 12, 21, 0), request.DueAt); // Wednesday 17:00 EDT
    }

    [Fact]
    public async Task RequestFeedback_DueDateIsClosingOfThatDayForRequester()
    {
        var ada = _world.Person("UADA", "Europe/Berlin");
        var bob = _world.Person("UBOB");

        var result = await _world.RequestFeedback.RequestAsync(
            new RequestFeedbackCommand(ada, [bob], "Thoughts?", DueDate: new DateOnly(2025, 3, 14)), default);

        Assert.Equal(Utc(2025, 3, 14, 16, 0), result.Created!.DueAt); // 17:00 CET
    }

    [Fact]
    public async Task RequestFeedback_RejectsInvalidRecipientsAndQuestion()
    {
        var ada = _world.Person("UADA");
        var bot = _world.People.Add("UBOT", isBot: true);
        var stranger = new PersonRef(Platform.Slack, "T1", "UNOBODY");

        var result = await _world.RequestFeedback.RequestAsync(
            new RequestFeedbackCommand(ada, [ada, bot, stranger], "   "), default);

        Assert.False(result.Succeeded);
        Assert.Equal(
            [RequestProblemCode.EmptyQuestion, RequestProblemCode.Self, RequestProblemCode.Bot, RequestProblemCode.UnknownPerson],
            result.Problems.Select(p => p.Code));
        Assert.Empty(_world.Requests.All);
        Assert.Empty(_world.Messenger.Snapshot());
        Assert.Empty(_world.Requests.NudgeSchedule);
        Assert.Empty(_world.Requests.Outbox);
    }

    [Fact]
    public async Task RequestFeedback_RejectsTooManyRecipientsAndLongQuestion()
    {
        var ada = _world.Person("UADA");
        var many = Enumerable.Range(0, RequestFeedback.MaxRecipients + 1).Select(i => _world.Person($"U{i}")).ToArray();

        var tooMany = await _world.RequestFeedback.ValidateAsync(new RequestFeedbackCommand(ada, many, "Q?"), default);
        var tooLong = await _world.RequestFeedback.ValidateAsync(
            new RequestFeedbackCommand(ada, [many[0]], new string('x', RequestFeedback.MaxQuestionLength + 1)), default);
        var longest = await _world.RequestFeedback.ValidateAsync(
            new RequestFeedbackCommand(ada, [many[0]], new string('x', RequestFeedback.MaxQuestionLength)), default);
        var none = await _world.RequestFeedback.ValidateAsync(new RequestFeedbackCommand(ada, [], "Q?"), default);

        Assert.Equal([RequestProblemCode.TooManyRecipients], tooMany.Select(p => p.Code));
        Assert.Equal([RequestProblemCode.TooLong], tooLong.Select(p => p.Code));
        Assert.Empty(longest);
        Assert.Equal([RequestProblemCode.NoRecipients], none.Select(p => p.Code));
    }

    [Fact]
    public async Task RequestFeedback_RejectsDueDateInPast()
    {
        var ada = _world.Person("UADA");
        var bob = _world.Person("UBOB");

        var problems = await _world.RequestFeedback.ValidateAsync(
            new RequestFeedbackCommand(ada, [bob], "Q?", DueDate: new DateOnly(2025, 3, 2)), default);

        Assert.Equal([RequestProblemCode.DueInPast], problems.Select(p => p.Code));
        Assert.Contains("passed", problems[0].Message);
    }

    [Fact]
    public async Task RequestFeedback_ReportsRecipientsItCouldNotReach()
    {
        var ada = _world.Person("UADA");
        var bob = _world.Person("UBOB");
        var cem = _world.Person("UCEM");
        _world.Messenger.Fail = (to, _) => to == cem ? new ChatDeliveryException("user_not_found", permanent: true) : null;

        var result = await _world.RequestFeedback.RequestAsync(new RequestFeedbackCommand(ada, [bob, cem], "Q?"), default);

        Assert.True(result.Succeeded);
        Assert.Equal([cem], result.NotReached);
        Assert.Single(_world.Messenger.SentTo<FeedbackRequestedNotice>(bob));
    }
}
