using System.Net;
using FeedbackBot.Core.Feedback;

namespace FeedbackBot.Slack.Tests.Give;

/// <summary>
/// Issue 10, reshape: input checks live once, in Core. The adapter asks Core's lookup-free check
/// (<see cref="GiveFeedback.Check"/>) before anything else, so these refusals cost no users.info call and
/// store nothing, and their wording is Core's.
/// </summary>
public sealed class CoreChecksTests
{
    public static TheoryData<string, GiveProblemCode> Refused => new()
    {
        { "<@U1> well done me", GiveProblemCode.Self },
        { "<@U2> " + new string('x', GiveFeedback.MaxLength + 1), GiveProblemCode.TooLong },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task QuickGive_LookupFreeRefusal_IsCoresAnswerWithoutAskingSlack(string text, GiveProblemCode code)
    {
        await using var host = await SlackTestHost.StartAsync();

        var reply = await SlackTestHost.JsonAsync(await host.PostCommandAsync(text));

        Assert.Contains(Slack.Text.Mrkdwn.Escape(new GiveProblem(code).Message), reply["text"]!.GetValue<string>());
        Assert.Empty(host.Slack.CallsTo("users.info"));
        Assert.Empty(host.Feedback.All);
    }

    [Fact]
    public async Task GiveSubmit_ToYourselfAndEmpty_ShowsCoresProblemsUnderTheirFieldsWithoutAskingSlack()
    {
        await using var host = await SlackTestHost.StartAsync();

        var response = await host.PostInteractionAsync(Payloads.ViewSubmission(Payloads.GiveView(["U1"], " ")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = (await SlackTestHost.JsonAsync(response))["errors"]!;
        Assert.Equal(new GiveProblem(GiveProblemCode.Self).Message, errors["recipients"]!.GetValue<string>());
        Assert.Equal(new GiveProblem(GiveProblemCode.EmptyText).Message, errors["part_text"]!.GetValue<string>());
        Assert.Empty(host.Slack.CallsTo("users.info"));
    }
}
