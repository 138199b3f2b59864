using System.Net;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Ports;
using FeedbackBot.Slack.Coaching;
using FeedbackBot.Slack.Give;
using FeedbackBot.Slack.Inbound;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace FeedbackBot.Slack.Tests.Inbound;

/// <summary>
/// Issue 9, "Slack gets its answer within 3 s, honest about what happened", through the real HTTP pipeline. The
/// request's deadlines run on a fake ack clock the test moves (<see cref="AckClock"/>), so "slower than the budget"
/// is exact and nothing sleeps. Both deadlines count from the request's arrival: the give's own budget (2 s) always
/// runs out before the dispatcher's (2.5 s), and an ack the dispatcher has to answer for is never dropped: the
/// person hears "still working", then what the handler answered, then its outcome — never "try again" for work
/// that goes on.
/// </summary>
public sealed class AnswerByTests
{
    private const string Text = "<@U2> thanks for walking me through the rollback plan on Tuesday, it saved us an hour";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _ack = new();

    [Fact]
    public async Task QuickGive_ColdStartThenAStalledLookup_SaysSavingBeforeTheDispatcherAndDeliversOnce()
    {
        using var lookup = new Stall();
        await using var host = await StartAsync(h =>
            // A cold host: everything before the give starts (JIT, the coach's first review) took 1.9 of Slack's 3 s.
            h.MockCoach().Setup(c => c.Review(It.IsAny<FeedbackContent>(), It.IsAny<FeedbackKind>(), It.IsAny<string?>()))
                .Returns(DraftAdvice.None).Callback(() => _ack.Advance(TimeSpan.FromSeconds(1.9))));
        lookup.On(host.Slack);
        var journal = host.Services.GetRequiredService<GiveJournal>();

        var answer = host.PostCommandAsync(Text, responseUrl: host.Slack.ResponseUrl("late"));
        await lookup.Reached.WaitAsync(Bound);
        // 2.0 s after arrival: the give's own budget is spent. (Counted from the give's start, it had 1.9 s left.)
        var reply = await SlackTestHost.JsonAsync(await MoveClockAsync(answer, TimeSpan.FromSeconds(0.1), TimeSpan.FromSeconds(0.1)));
        var whileSaving = journal.ReadAll();
        lookup.Release();
        await host.Slack.WaitForAsync("response_url");
        await host.IdleAsync();
        await host.RunDeliveriesAsync();

        Assert.Equal(GiveService.StillSavingText, reply["text"]!.GetValue<string>());
        Assert.Single(whileSaving);
        Assert.Contains("on its way", Assert.Single(host.Slack.CallsTo("response_url")).Json);
        Assert.Single(host.Feedback.All);
        Assert.Single(host.Slack.DmTexts("U2"));
        Assert.Empty(journal.ReadAll());
    }

    [Fact]
    public async Task ModalGive_LookupOutlivesTheBudgetAndRefuses_ClosesTheModalThenTellsTheGiverOnceByDm()
    {
        using var lookup = new Stall(isBot: true);
        await using var host = await StartAsync();
        lookup.On(host.Slack);

        var answer = host.PostInteractionAsync(Payloads.ViewSubmission(Payloads.GiveView(["U2"], "Thanks for the clear plan on Tuesday, it calmed the client.")));
        await lookup.Reached.WaitAsync(Bound);
        var response = await MoveClockAsync(answer, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(0.1));
        lookup.Release();
        await host.IdleAsync();

        // The give's own "saving…" for a modal: an empty 200 closes it, the outcome follows by DM (no response_url).
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        var told = Assert.Single(host.Slack.DmTexts("U1"));
        Assert.Contains("is an app, not a person", told);
        Assert.Empty(host.Feedback.All);
    }

    [Fact]
    public async Task RequestCommand_StillAskingAtTheBudget_SaysSendingThenTellsTheOutcomeOnceAndAsksOnce()
    {
        using var lookup = new Stall();
        await using var host = await StartAsync();
        lookup.On(host.Slack);

        var answer = host.PostCommandAsync("request <@U2> How did my talk at the all-hands land?", responseUrl: host.Slack.ResponseUrl("req"));
        await lookup.Reached.WaitAsync(Bound);
        var reply = await SlackTestHost.JsonAsync(await MoveClockAsync(answer, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(0.1)));
        lookup.Release();
        await host.Slack.WaitForAsync("response_url");
        await host.IdleAsync();

        Assert.Equal("Sending your request…", reply["text"]!.GetValue<string>());
        Assert.Contains("I asked", Assert.Single(host.Slack.CallsTo("response_url")).Json);
        Assert.Single(host.Slack.DmTexts("U2"));
    }

    [Fact]
    public async Task Command_AckStillRunningAtTheDeadline_AnswersStillWorkingThenItsOwnAnswerThenRunsItsWorkOnce()
    {
        var gate = new Gate();
        await using var host = await StartAsync(gate: gate);

        var answer = host.Http.SendAsync(Testing.SlackRequestSigner.Signed("/slack/commands",
            Testing.SlackRequestSigner.CommandBody("go", command: GatedCommand.Name, responseUrl: host.Slack.ResponseUrl("slow")),
            host.SigningSecret, host.Time.GetUtcNow()));
        await gate.Acking.Task.WaitAsync(Bound);
        var reply = await SlackTestHost.JsonAsync(await MoveClockAsync(answer, TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(0.5)));
        Assert.Equal(0, gate.Runs);
        gate.Release.SetResult();
        await host.Slack.WaitForAsync("response_url");
        await host.IdleAsync();

        Assert.Equal(SlackDispatcher.StillWorkingText, reply["text"]!.GetValue<string>());
        Assert.DoesNotContain("try again", reply["text"]!.GetValue<string>());
        Assert.Contains(GatedCommand.Done, Assert.Single(host.Slack.CallsTo("response_url")).Json);
        Assert.Equal(1, gate.Runs);
    }

    [Fact]
    public async Task ViewSubmission_AckRefusingAfterTheDeadline_ClosesTheModalAndSendsTheErrorsByDm()
    {
        var gate = new Gate();
        await using var host = await StartAsync(gate: gate);
        var view = Payloads.GiveView(["U2"], "irrelevant");
        view["callback_id"] = GatedSubmission.CallbackId;

        var answer = host.PostInteractionAsync(Payloads.ViewSubmission(view));
        await gate.Acking.Task.WaitAsync(Bound);
        var response = await MoveClockAsync(answer, TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(0.5));
        gate.Release.SetResult();
        await host.IdleAsync();

        Assert.Equal("", await response.Content.ReadAsStringAsync());
        var told = Assert.Single(host.Slack.DmTexts("U1"));
        Assert.Contains("Pick someone &lt;else&gt;", told);
    }

    [Fact]
    public async Task Request_ToSomeoneWhoseLookupFails_GetsTheSameFriendlyAnswerAsAGive()
    {
        await using var host = await StartAsync();
        // users.info without the users:read scope (https://docs.slack.dev/reference/methods/users.info#errors).
        host.Slack.ErrorNext("users.info", "missing_scope", times: 2);

        var give = await SlackTestHost.JsonAsync(await host.PostCommandAsync(Text));
        var request = await SlackTestHost.JsonAsync(await host.PostCommandAsync("request <@U2> How did my talk land?"));

        Assert.Contains("couldn't check who that is right now", give["text"]!.GetValue<string>());
        var text = request["text"]!.GetValue<string>();
        Assert.Contains("couldn't check who that is right now, so nobody was asked. Please try again in a moment.", text);
        Assert.DoesNotContain("couldn't save", text);
        Assert.Empty(host.Slack.DmTexts("U2"));
    }

    [Fact]
    public async Task Event_StillStoringAtTheDeadline_AsksSlackToRetryAndTheRetryDoesNotStoreItTwice()
    {
        var work = new GatedWork();
        await using var host = await StartAsync(work: work);
        var appHomeOpened = new JsonObject
        {
            ["token"] = "x",
            ["team_id"] = SlackTestHost.Team,
            ["api_app_id"] = "A1",
            ["type"] = "event_callback",
            ["event_id"] = "Ev9",
            ["event_time"] = 1700000000,
            ["event"] = new JsonObject { ["type"] = "app_home_opened", ["user"] = "U1", ["channel"] = "DU1", ["tab"] = "home", ["event_ts"] = "1.1" },
        };

        var first = host.PostEventAsync(appHomeOpened);
        await work.Storing.Task.WaitAsync(Bound);
        var firstStatus = (await MoveClockAsync(first, TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(0.5))).StatusCode;
        work.Release.SetResult();
        await work.Stored.Task.WaitAsync(Bound);
        // Slack's retry of an event it got no 200 for (https://docs.slack.dev/apis/events-api/#retries).
        var retry = await host.PostEventAsync(appHomeOpened);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, firstStatus);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(1, work.Count);
    }

    // Moves the ack clock by `first`, then by `then` while no answer came (at most twice more, each after a short
    // bounded wait). A wait computes what is left and then starts its timer; a move that falls in between puts the
    // timer that much later, and the next small move catches it. `then` keeps the total under the next deadline.
    private async Task<T> MoveClockAsync<T>(Task<T> answer, TimeSpan first, TimeSpan then)
    {
        _ack.Advance(first);
        for (var moves = 0; moves < 2 && await Task.WhenAny(answer, Task.Delay(TimeSpan.FromSeconds(2))) != answer; moves++)
        {
            _ack.Advance(then);
        }

        return await answer.WaitAsync(Bound);
    }

    private Task<SlackTestHost> StartAsync(Action<SlackTestHost>? configure = null, Gate? gate = null, GatedWork? work = null) =>
        SlackTestHost.StartAsync(configure,
            register: services =>
            {
                services.AddSingleton(new AckClock(_ack));
                if (work is not null)
                {
                    services.AddSingleton<IBackgroundWork>(work);
                }
            },
            extraServices: services =>
            {
                if (gate is not null)
                {
                    services.AddSingleton(gate);
                    services.AddKeyedScoped<ISlashCommandHandler, GatedCommand>(GatedCommand.Name);
                    services.AddKeyedScoped<IViewSubmissionHandler, GatedSubmission>(GatedSubmission.CallbackId);
                }
            });

    /// <summary>users.info that hangs until released (a slow Slack inside the give), then answers as Slack does.</summary>
    private sealed class Stall(bool isBot = false) : IDisposable
    {
        private readonly ManualResetEventSlim _release = new();
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Reached => _reached.Task;

        public void On(Testing.FakeSlackApi slack) => slack.Respond("users.info", args =>
        {
            _reached.TrySetResult();
            _release.Wait(Bound);
            var id = args["user"]!.GetValue<string>();
            // https://docs.slack.dev/reference/methods/users.info: { ok, user: { id, name, real_name, tz, is_bot, deleted, profile } }
            return new JsonObject
            {
                ["ok"] = true,
                ["user"] = new JsonObject
                {
                    ["id"] = id,
                    ["name"] = id.ToLowerInvariant(),
                    ["real_name"] = $"Person {id}",
                    ["tz"] = "Europe/Berlin",
                    ["is_bot"] = isBot && id != "U1",
                    ["deleted"] = false,
                    ["profile"] = new JsonObject { ["display_name"] = $"Person {id}" },
                },
            };
        });

        public void Release() => _release.Set();

        public void Dispose() => _release.Set();
    }

    /// <summary>Durable work whose store hangs until released (a slow Hangfire storage), counting what it stored.</summary>
    private sealed class GatedWork : IBackgroundWork
    {
        private int _count;

        public TaskCompletionSource Storing { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Stored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Count => Volatile.Read(ref _count);

        public async Task EnqueueAsync(string kind, string payload, CancellationToken ct)
        {
            Storing.TrySetResult();
            await Release.Task;
            Interlocked.Increment(ref _count);
            Stored.TrySetResult();
        }
    }

    /// <summary>What the gated handlers share with the test: where their ack waits, and how often their work ran.</summary>
    private sealed class Gate
    {
        private int _runs;

        public TaskCompletionSource Acking { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Runs => Volatile.Read(ref _runs);

        public void Ran() => Interlocked.Increment(ref _runs);
    }

    /// <summary>A command whose ack waits on the gate (a cold host, a stalled read) and then starts work.</summary>
    private sealed class GatedCommand(Gate gate) : ISlashCommandHandler
    {
        public const string Name = "/slow";
        public const string Done = "Done: your thing is set up.";

        public async ValueTask<SlackAck> AckAsync(SlashCommand command, CancellationToken ct)
        {
            gate.Acking.TrySetResult();
            await gate.Release.Task;
            return SlackAck.Ephemeral(Done).ThenRun();
        }

        public Task RunAsync(SlashCommand command, object? state, CancellationToken ct)
        {
            gate.Ran();
            return Task.CompletedTask;
        }
    }

    /// <summary>A modal submit whose ack waits on the gate and then refuses a field (plain text, as Slack shows it).</summary>
    private sealed class GatedSubmission(Gate gate) : IViewSubmissionHandler
    {
        public const string CallbackId = "test_gated";

        public async ValueTask<SlackAck> AckAsync(Interaction interaction, SlackView view, CancellationToken ct)
        {
            gate.Acking.TrySetResult();
            await gate.Release.Task;
            return SlackAck.ViewErrors(new Dictionary<string, string> { ["recipients"] = "Pick someone <else>." });
        }
    }
}
