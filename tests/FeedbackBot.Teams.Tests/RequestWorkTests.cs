using System.Net;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Ports;
using FeedbackBot.Teams.Cards;
using FeedbackBot.Teams.Requests;
using Moq;
using static FeedbackBot.Teams.Tests.TeamsTestHost;

namespace FeedbackBot.Teams.Tests;

/// <summary>
/// Issue 11: requests typed or submitted in Teams are durable before Teams is answered (the same
/// <see cref="IBackgroundWork"/> path as gives, kind <c>teams-request</c>): nothing runs until the job does, a rerun
/// of the job asks nobody twice, and a store that fails is told honestly, with nothing claimed as asked.
/// </summary>
public sealed class RequestWorkTests
{
    [Fact]
    public async Task RequestCommand_IsStoredBeforeTheAnswer_AndAsksOnce_WhenTheJobRunsTwice()
    {
        await using var host = await RequestKit.StartAsync(meetAll: true);
        var before = host.Connector.ConnectorCalls.Count;

        var response = await host.PostAsync(RequestKit.RequestMessage(host, Ana, "How was my demo?", Ben));

        // Answered with only the work stored: no request yet, no call to Teams.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = Assert.Single(RequestKit.Work(host).All);
        Assert.Equal(RequestWork.Kind, stored.Kind);
        Assert.Empty(RequestKit.Requests(host).All);
        Assert.Equal(before, host.Connector.ConnectorCalls.Count);

        await RequestKit.IdleAsync(host);
        await RequestKit.Work(host).RunAgainAsync(host.Services, 0);

        Assert.Single(RequestKit.Requests(host).All);
        Assert.Single(host.Connector.PersonalMessages(Ben.Id), m => m.CardText.Contains("asks for your feedback", StringComparison.Ordinal));
        Assert.Single(host.Connector.PersonalMessages(Ana.Id), m => m.CardText.Contains("I asked", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RequestCommand_WhenTheWorkCannotBeStored_SaysNobodyWasAsked()
    {
        var work = Failing();
        await using var host = await RequestKit.StartAsync(work: work.Object, meetAll: true);

        var response = await host.PostAsync(RequestKit.RequestMessage(host, Ana, "How was my demo?", Ben));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        work.Verify(w => w.EnqueueAsync(RequestWork.Kind, It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Once);
        var told = host.Connector.PersonalMessages(Ana.Id).Last().CardText;
        Assert.Contains(RequestWork.NotSavedText, told);
        Assert.DoesNotContain("I asked", told);
        Assert.Empty(RequestKit.Requests(host).All);
        Assert.DoesNotContain(host.Connector.PersonalMessages(Ben.Id), m => m.CardText.Contains("asks for your feedback", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RequestForm_WhenTheWorkCannotBeStored_AnswersTheFormAgain_NotAsking()
    {
        var work = Failing();
        await using var host = await RequestKit.StartAsync(work: work.Object, meetAll: true);

        var (status, answer) = await RequestKit.ExecuteAsync(host, Ana, RequestSubmitAction.Verb, new JsonObject
        {
            [RequestCards.RecipientsInput] = Ben.Aad,
            [RequestCards.QuestionInput] = "Was the retro useful?",
        }, replyToId: "1:form");

        Assert.Equal(HttpStatusCode.OK, status);
        var card = RequestKit.CardOf(answer);
        Assert.Contains(RequestWork.NotSavedText, RequestKit.Text(card));
        Assert.DoesNotContain("Asking", RequestKit.Text(card));
        Assert.Equal("Was the retro useful?", (string?)RequestKit.Input(card, RequestCards.QuestionInput)["value"]);
        Assert.Empty(RequestKit.Requests(host).All);
    }

    [Fact]
    public async Task DeclineSend_WhenTheWorkCannotBeStored_SaysNothingChanged()
    {
        var work = new Mock<IBackgroundWork>();
        var recording = new FeedbackBot.Testing.RecordingBackgroundWork();
        work.Setup(w => w.EnqueueAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns<string, string, CancellationToken>((kind, payload, ct) => kind == DeclineWork.Kind
                ? throw new InvalidOperationException("job storage is down")
                : recording.EnqueueAsync(kind, payload, ct));
        await using var host = await RequestKit.StartAsync(work: work.Object, meetAll: true);
        await host.PostAsync(RequestKit.RequestMessage(host, Ana, "How was my demo?", Ben));
        await recording.RunPendingAsync(host.Services);
        var request = RequestKit.SingleRequest(host);

        var data = RequestCards.Id(request.Id);
        data[RequestCards.ReasonInput] = "Busy";
        var (_, answer) = await RequestKit.ExecuteAsync(host, Ben, DeclineSendAction.Verb, data);

        Assert.Contains("couldn't save your decline", RequestKit.Text(RequestKit.CardOf(answer)));
        Assert.True(RequestKit.SingleRequest(host).Recipients.Single().IsOpen);
    }

    private static Mock<IBackgroundWork> Failing()
    {
        var work = new Mock<IBackgroundWork>();
        work.Setup(w => w.EnqueueAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("job storage is down"));
        return work;
    }
}
