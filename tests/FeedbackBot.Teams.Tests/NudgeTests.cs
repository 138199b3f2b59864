using System.Text.Json.Nodes;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Requests;
using FeedbackBot.Teams.Cards;
using FeedbackBot.Teams.Requests;
using FeedbackBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static FeedbackBot.Teams.Tests.TeamsTestHost;

namespace FeedbackBot.Teams.Tests;

/// <summary>
/// Nudges for Teams people on Core's schedule, moved by a <see cref="FakeTimeProvider"/>: the first one after its
/// delay, inside the recipient's working hours in the time zone their Teams client reports.
/// </summary>
public sealed class NudgeTests
{
    // Friday 4 December 2026, 16:00 UTC (11:00 in New York).
    private static readonly DateTimeOffset AskedAt = new(2026, 12, 4, 16, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Nudge_ComesAfterItsDelay_AtTheStartOfTheRecipientsNextWorkingHours_WithButtonsPerAsk()
    {
        var time = new FakeTimeProvider(AskedAt);
        await using var host = await AskBenInNewYorkAsync(time, (Ana, "How was my demo?"), (RequestKit.Cem, "Was my plan clear?"));
        var prompts = host.Connector.PersonalMessages(Ben.Id).Count;

        // 24 hours after the ask is Saturday: the nudge waits for Monday 09:00 in New York (14:00 UTC).
        var planned = await RequestKit.Requests(host).GetNudgeCheckAsync(Ben.Person, default);
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 14, 0, 0, TimeSpan.Zero), planned);

        time.SetUtcNow(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero)); // Sunday
        await SweepAsync(host);
        Assert.Equal(prompts, host.Connector.PersonalMessages(Ben.Id).Count);

        time.SetUtcNow(planned!.Value);
        await SweepAsync(host);

        var nudge = host.Connector.PersonalMessages(Ben.Id).Last();
        Assert.Equal(prompts + 1, host.Connector.PersonalMessages(Ben.Id).Count);
        Assert.Contains("2 people are waiting for your feedback", nudge.CardText);
        Assert.Contains("How was my demo?", nudge.CardText);
        Assert.Contains("Was my plan clear?", nudge.CardText);
        var requests = RequestKit.Requests(host).All;
        foreach (var request in requests)
        {
            Assert.Equal([RequestCards.GiveVerb, DeclineAction.Verb, SnoozeAction.Verb],
                RequestKit.Executes(nudge.Card!).Where(b => (string?)b["data"]![RequestCards.RequestIdKey] == request.Id).Select(b => (string?)b["verb"]));
            Assert.NotNull(request.Recipients.Single().LastNudgedAt);
        }

        // Running the sweep again the same minute sends nothing more.
        await SweepAsync(host);
        Assert.Equal(prompts + 1, host.Connector.PersonalMessages(Ben.Id).Count);
    }

    [Fact]
    public async Task SnoozeFromTheNudge_MovesTheNextNudgeToTheNextWorkingDay()
    {
        var time = new FakeTimeProvider(AskedAt);
        await using var host = await AskBenInNewYorkAsync(time, (Ana, "How was my demo?"));
        time.SetUtcNow((await RequestKit.Requests(host).GetNudgeCheckAsync(Ben.Person, default))!.Value);
        await SweepAsync(host);
        var request = RequestKit.SingleRequest(host);

        var (_, snoozed) = await RequestKit.ExecuteAsync(host, Ben, SnoozeAction.Verb, RequestCards.Id(request.Id));

        Assert.Contains("on Tue 8 Dec at 09:00 (America/New_York)", RequestKit.Text(RequestKit.CardOf(snoozed)));
        Assert.Equal(new DateTimeOffset(2026, 12, 8, 14, 0, 0, TimeSpan.Zero), await RequestKit.Requests(host).GetNudgeCheckAsync(Ben.Person, default));
    }

    /// <summary>Everyone installed; Ben's client in New York; each asker asks Ben their question.</summary>
    private static async Task<TeamsTestHost> AskBenInNewYorkAsync(FakeTimeProvider time, params (TestUser Asker, string Question)[] asks)
    {
        var host = await RequestKit.StartAsync(time, meetAll: true);
        await host.PostAsync(host.Message(Ben, "help", entities: ClientInfo("America/New_York")));
        foreach (var (asker, question) in asks)
        {
            await host.PostAsync(RequestKit.RequestMessage(host, asker, question, Ben));
        }

        await RequestKit.IdleAsync(host);
        return host;
    }

    internal static JsonArray ClientInfo(string timeZone) =>
        new(new JsonObject { ["type"] = "clientInfo", ["locale"] = "en-US", ["timezone"] = timeZone });

    /// <summary>One pass of the sweep every host runs (due prompts, summaries, nudge checks), then what it dispatched.</summary>
    internal static async Task SweepAsync(TeamsTestHost host)
    {
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SweepDeliveries>().RunAsync(CancellationToken.None);
        }

        await host.Jobs.RunPendingAsync(async job =>
        {
            await using var scope = host.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<RunOutboxEntry>().RunAsync(job.Id, CancellationToken.None);
        });
    }
}
