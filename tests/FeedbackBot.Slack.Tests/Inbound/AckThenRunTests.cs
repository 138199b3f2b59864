using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using FeedbackBot.Slack.Background;
using FeedbackBot.Slack.Inbound;
using FeedbackBot.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Slack.Tests.Inbound;

/// <summary>
/// Issue 10, reshape: every handler answers with a fast ack and does its work in RunAsync afterwards, in its own
/// scope. The ack never waits for that work; modals still open (views.open with the trigger_id, right after the
/// ack); and a failure after the ack is logged with the wire id and told to the person, never swallowed.
/// </summary>
public sealed class AckThenRunTests
{
    [Fact]
    public async Task Ack_WhileRunAsyncIsBlocked_AnswersAndTheWorkFinishesAfterwards()
    {
        await using var host = await SlackTestHost.StartAsync();
        using var release = new ManualResetEventSlim();
        // A blocking fake: views.open (the RunAsync of /feedback give) hangs until the test releases it.
        host.Slack.Respond("views.open", args =>
        {
            release.Wait(TimeSpan.FromSeconds(10));
            return new JsonObject { ["ok"] = true, ["view"] = new JsonObject { ["id"] = "V1", ["hash"] = "h1" } };
        });
        var queue = host.Services.GetRequiredService<SlackBackgroundQueue>();

        var response = await host.PostCommandAsync("give", triggerId: "trigger-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(release.IsSet);
        // The work is still running (blocked in views.open) although the ack is already out.
        Assert.False(await queue.WaitForIdleAsync(TimeSpan.Zero));
        release.Set();
        await host.IdleAsync();
        Assert.Equal("trigger-1", Assert.Single(host.Slack.CallsTo("views.open")).Args["trigger_id"]!.GetValue<string>());
        Assert.Empty(host.Slack.CallsTo("response_url"));
    }

    [Theory]
    [InlineData("", "give_feedback")]
    [InlineData("give", "give_feedback")]
    [InlineData("<@U2>", "give_feedback")]
    [InlineData("settings", "settings_loading")]
    [InlineData("request", "request_feedback")]
    public async Task FeedbackCommand_OpensItsModalAfterTheAck(string text, string callbackId)
    {
        await using var host = await SlackTestHost.StartAsync();

        var response = await host.PostCommandAsync(text, triggerId: "trigger-7");
        await host.IdleAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var open = Assert.Single(host.Slack.CallsTo("views.open"));
        Assert.Equal("trigger-7", open.Args["trigger_id"]!.GetValue<string>());
        Assert.Equal(callbackId, open.View!["callback_id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("home_give", "give_feedback")]
    [InlineData("home_request", "request_feedback")]
    [InlineData("home_settings", "settings_loading")]
    [InlineData("digest_give", "give_feedback")]
    [InlineData("digest_settings", "settings_loading")]
    [InlineData("feedback_followup", "feedback_followup")]
    public async Task Button_OpensItsModalAfterTheAck(string actionId, string callbackId)
    {
        await using var host = await SlackTestHost.StartAsync();

        var response = await host.PostInteractionAsync(Payloads.BlockAction(actionId, value: "x1"));
        await host.IdleAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var open = Assert.Single(host.Slack.CallsTo("views.open"));
        Assert.Equal("trigger-2", open.Args["trigger_id"]!.GetValue<string>());
        Assert.Equal(callbackId, open.View!["callback_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Thank_WhenTheDmToTheGiverFails_TellsTheClickerItDidNotGoThrough()
    {
        await using var host = await SlackTestHost.StartAsync();
        await host.PostCommandAsync("<@U2> thanks for the help with the demo, which saved us a day", user: "U1");
        var id = host.Feedback.All.Single().Id;
        await host.IdleAsync();
        host.Slack.Clear();
        // A permanent refusal (https://docs.slack.dev/reference/methods/chat.postMessage#errors): the thank-you is not sent.
        host.Slack.ErrorNext("chat.postMessage", "channel_not_found", times: 5);

        var response = await host.PostInteractionAsync(Payloads.BlockAction(Delivery.ThankAction.ActionId, id, user: "U2", responseUrl: host.Slack.ResponseUrl("t")));
        await host.IdleAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var told = Assert.Single(host.Slack.CallsTo("response_url"));
        Assert.Contains("didn't go through", told.Json);
        Assert.Equal("ephemeral", told.Args["response_type"]!.GetValue<string>());
    }

    [Fact]
    public async Task RunAsyncFailure_IsLoggedWithTheWireIdAndTheUserIsToldByResponseUrl()
    {
        await using var slack = await FakeSlackApi.StartAsync();
        var logs = new ListLogger();
        await using var services = Services(slack, logs);

        services.GetRequiredService<AfterAck>().Schedule<IBlockActionHandler>(Task.CompletedTask, FailingAction.Id,
            new SlackRequester("T1", "U7", slack.ResponseUrl("f")), (handler, ct) => handler.RunAsync(null!, null!, null, ct));
        Assert.True(await services.GetRequiredService<SlackBackgroundQueue>().WaitForIdleAsync(TimeSpan.FromSeconds(10)));

        var told = Assert.Single(slack.CallsTo("response_url"));
        Assert.Contains("didn't go through", told.Json);
        var error = Assert.Single(logs.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains(FailingAction.Id, error.Message);
        Assert.Contains("U7", error.Message);
        Assert.IsType<InvalidOperationException>(error.Exception);
    }

    [Fact]
    public async Task RunAsyncFailure_WithoutResponseUrl_TellsTheUserByDm()
    {
        await using var slack = await FakeSlackApi.StartAsync();
        await using var services = Services(slack, new ListLogger());

        services.GetRequiredService<AfterAck>().Schedule<IBlockActionHandler>(Task.CompletedTask, FailingAction.Id,
            new SlackRequester("T1", "U7", null), (handler, ct) => handler.RunAsync(null!, null!, null, ct));
        Assert.True(await services.GetRequiredService<SlackBackgroundQueue>().WaitForIdleAsync(TimeSpan.FromSeconds(10)));

        Assert.Contains(slack.DmTexts("U7"), t => t.Contains("didn't go through"));
    }

    [Fact]
    public async Task RunAsync_WaitsForTheAckToBeWritten()
    {
        await using var slack = await FakeSlackApi.StartAsync();
        await using var services = Services(slack, new ListLogger());
        var written = new TaskCompletionSource();
        var ran = new TaskCompletionSource();

        services.GetRequiredService<AfterAck>().Schedule<IBlockActionHandler>(written.Task, FailingAction.Id,
            new SlackRequester("T1", "U7", null), (_, _) =>
            {
                ran.SetResult();
                return Task.CompletedTask;
            });

        Assert.False(await services.GetRequiredService<SlackBackgroundQueue>().WaitForIdleAsync(TimeSpan.Zero));
        Assert.False(ran.Task.IsCompleted);
        written.SetResult();
        await ran.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    // The Slack adapter's own composition against the fake Web API, plus one handler whose RunAsync throws.
    private static ServiceProvider Services(FakeSlackApi slack, ListLogger logs)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = SlackTestHost.Secret,
            ["Slack:BotToken"] = "xoxb-test",
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl,
            ["Slack:ResponseUrlBase"] = slack.ResponseUrl(""),
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs));
        services.AddSlack(configuration);
        // The host's storage provides these; response_url uses are counted in the once-store.
        services.AddSingleton<FeedbackBot.Core.Ports.IOnceStore>(new InMemoryOnceStore(TimeProvider.System));
        services.AddKeyedScoped<IBlockActionHandler, FailingAction>(FailingAction.Id);
        // Scope validation: a singleton holding a scoped service (a captive handler dependency) fails here.
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    private sealed class FailingAction : IBlockActionHandler
    {
        public const string Id = "test_failing";

        public ValueTask<SlackAck> AckAsync(Interaction interaction, BlockAction action, CancellationToken ct) =>
            ValueTask.FromResult(SlackAck.Ok.ThenRun());

        public Task RunAsync(Interaction interaction, BlockAction action, object? state, CancellationToken ct) =>
            throw new InvalidOperationException("storage is gone");
    }

    private sealed record LogEntry(LogLevel Level, string Message, Exception? Exception);

    private sealed class ListLogger : ILoggerProvider, ILogger
    {
        private readonly ConcurrentQueue<LogEntry> _entries = new();

        public IReadOnlyList<LogEntry> Entries => [.. _entries];

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _entries.Enqueue(new LogEntry(logLevel, formatter(state, exception), exception));

        public void Dispose()
        {
        }
    }
}
