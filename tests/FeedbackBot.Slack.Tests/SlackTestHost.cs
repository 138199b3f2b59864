using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FeedbackBot.Core;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Ports;
using FeedbackBot.Slack.Background;
using FeedbackBot.Slack.Coaching;
using FeedbackBot.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace FeedbackBot.Slack.Tests;

/// <summary>
/// The real ASP.NET Core pipeline on 127.0.0.1 (Kestrel, port 0) with AddSlack/MapSlack, Core (its real coach
/// included), in-memory ports and the fake Slack Web API (the set-up other hosts share: <see cref="InMemoryBot"/>).
/// One per test. A test that needs the coach to say something specific opts in to a mock with
/// <see cref="MockCoach"/> and says why.
/// </summary>
public sealed class SlackTestHost : IAsyncDisposable
{
    public const string Secret = "test-signing-secret";
    public const string Team = "T1";

    private WebApplication _app = null!;
    private InMemoryBot _bot = null!;

    public FakeSlackApi Slack { get; private set; } = null!;
    public FakeTimeProvider Time { get; private init; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
    public InMemoryFeedbackStore Feedback => _bot.Feedback;
    public InMemoryPreferencesStore Preferences => _bot.Preferences;
    public RecordingJobScheduler Jobs => _bot.Jobs;
    public InMemoryReminderSchedule Reminders => _bot.Reminders;
    private readonly Mock<IDraftCoach> _coach = new();
    private bool _useMockCoach;
    public HttpClient Http { get; private set; } = null!;
    public IServiceProvider Services => _app.Services;
    public string SigningSecret { get; private set; } = Secret;

    /// <summary>This host's own data directory (only the give journal writes there); removed on dispose.</summary>
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "fb-slack-" + Guid.NewGuid().ToString("N"));

    /// <param name="settings">Extra or overriding configuration (e.g. <c>Slack:ClientId</c>, <c>Slack:AppToken</c>), applied over the defaults.</param>
    /// <param name="register">Extra registrations, made first (so they win over AddSlack's TryAdd defaults).</param>
    /// <param name="extraServices">Extra registrations, applied after the defaults.</param>
    public static async Task<SlackTestHost> StartAsync(Action<SlackTestHost>? configure = null, string secret = Secret, Action<SlackTimings>? timings = null, DateTimeOffset? now = null, bool withCoach = true,
        Func<SlackTestHost, IDictionary<string, string?>>? settings = null, Action<IServiceCollection>? register = null, Action<IServiceCollection>? extraServices = null)
    {
        var host = new SlackTestHost { SigningSecret = secret, Time = new FakeTimeProvider(now ?? DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds())) };
        host._bot = new InMemoryBot(host.Time);
        host.Slack = await FakeSlackApi.StartAsync();
        configure?.Invoke(host);

        var builder = InMemoryBot.CreateBuilder(host.Slack, secret);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // The give journal's folder (issue 9), one per host: a file left by one test is never replayed by another.
            ["Storage:DataDirectory"] = host.DataDirectory,
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings(host));
        }

        var services = builder.Services;
        register?.Invoke(services);
        host._bot.AddTo(services);
        if (host._useMockCoach)
        {
            services.AddSingleton(host._coach.Object);
        }
        services.Configure<SlackTimings>(t =>
        {
            t.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
            timings?.Invoke(t);
        });
        services.AddFeedbackCore();
        builder.AddSlack();
        extraServices?.Invoke(services);
        if (!withCoach)
        {
            // AddSlack plugs in Core's coach; this host checks the adapter also copes with none at all.
            services.RemoveAll<IDraftCoach>();
        }

        host._app = builder.Build();
        host._app.MapSlack();
        host.Http = new HttpClient { BaseAddress = await InMemoryBot.StartAsync(host._app) };
        return host;
    }

    /// <summary>
    /// Replaces the real coach with a mock (by default it has no advice) for a test that needs one exact
    /// answer from the coach; call it in the <c>configure</c> callback of <see cref="StartAsync"/>.
    /// </summary>
    public Mock<IDraftCoach> MockCoach()
    {
        if (!_useMockCoach)
        {
            _useMockCoach = true;
            _coach.Setup(c => c.Review(It.IsAny<FeedbackContent>(), It.IsAny<FeedbackKind>(), It.IsAny<string?>())).Returns(DraftAdvice.None);
        }

        return _coach;
    }

    public Task<HttpResponseMessage> PostCommandAsync(string text, string user = "U1", string? responseUrl = null, string? triggerId = null) =>
        Http.SendAsync(SlackRequestSigner.Signed("/slack/commands",
            SlackRequestSigner.CommandBody(text, user, Team, responseUrl: responseUrl ?? Slack.ResponseUrl(), triggerId: triggerId), SigningSecret, Time.GetUtcNow()));

    public Task<HttpResponseMessage> PostInteractionAsync(JsonObject payload) =>
        Http.SendAsync(SlackRequestSigner.Signed("/slack/interactivity", SlackRequestSigner.InteractionBody(payload), SigningSecret, Time.GetUtcNow()));

    public Task<HttpResponseMessage> PostEventAsync(JsonObject envelope) =>
        Http.SendAsync(SlackRequestSigner.Signed("/slack/events", envelope.ToJsonString(), SigningSecret, Time.GetUtcNow(), "application/json"));

    public Task<HttpResponseMessage> PostRawAsync(string path, string body, string contentType = "application/x-www-form-urlencoded") =>
        Http.SendAsync(SlackRequestSigner.Signed(path, body, SigningSecret, Time.GetUtcNow(), contentType));

    /// <summary>Waits for the adapter's background work (views.update, follow-ups) to finish.</summary>
    public async Task IdleAsync()
    {
        Assert.True(await Services.GetRequiredService<SlackBackgroundQueue>().WaitForIdleAsync(TimeSpan.FromSeconds(15)), "background work did not finish");
    }

    /// <summary>Plays the delivery dispatcher: runs every dispatched delivery through Core's DeliverFeedback.</summary>
    public async Task<IReadOnlyList<DeliveryOutcome>> RunDeliveriesAsync()
    {
        var outcomes = new List<DeliveryOutcome>();
        await Jobs.RunPendingAsync(async job =>
        {
            await using var scope = Services.CreateAsyncScope();
            outcomes.Add(await scope.ServiceProvider.GetRequiredService<DeliverFeedback>().RunAsync(job.Id, CancellationToken.None));
        });
        return outcomes;
    }

    /// <summary>One pass of the sweep every host runs, then the dispatcher's fast path for what it dispatched.</summary>
    public async Task SweepAsync()
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SweepDeliveries>().RunAsync(CancellationToken.None);
        }

        await Jobs.RunPendingAsync(async job =>
        {
            await using var scope = Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<RunOutboxEntry>().RunAsync(job.Id, CancellationToken.None);
        });
    }

    public static async Task<JsonObject> JsonAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!;

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (Slack is not null)
        {
            await Slack.DisposeAsync();
        }

        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}

/// <summary>Interactivity payloads shaped like Slack's.</summary>
public static class Payloads
{
    public static JsonObject BlockAction(string actionId, string? value = null, string user = "U1", JsonObject? view = null, string? responseUrl = null)
    {
        var action = new JsonObject { ["action_id"] = actionId, ["block_id"] = "b", ["type"] = "button", ["action_ts"] = "1.2" };
        if (value is not null)
        {
            action["value"] = value;
        }

        var payload = new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = user, ["team_id"] = SlackTestHost.Team },
            ["team"] = new JsonObject { ["id"] = SlackTestHost.Team, ["domain"] = "acme" },
            ["api_app_id"] = "A1",
            ["trigger_id"] = "trigger-2",
            ["actions"] = new JsonArray(action),
        };
        if (view is not null)
        {
            payload["view"] = view;
            payload["container"] = new JsonObject { ["type"] = "view", ["view_id"] = view["id"]?.GetValue<string>() };
        }

        if (responseUrl is not null)
        {
            payload["response_url"] = responseUrl;
        }

        return payload;
    }

    public static JsonObject ViewSubmission(JsonObject view, string user = "U1") => new()
    {
        ["type"] = "view_submission",
        ["user"] = new JsonObject { ["id"] = user, ["team_id"] = SlackTestHost.Team },
        ["team"] = new JsonObject { ["id"] = SlackTestHost.Team, ["domain"] = "acme" },
        ["trigger_id"] = "trigger-3",
        ["view"] = view,
    };

    /// <summary>A Give modal view as Slack returns it: state.values filled in, id and hash set.</summary>
    /// <remarks>Every call is a new modal with its own id, as in Slack, unless <paramref name="viewId"/> pins one.</remarks>
    public static JsonObject GiveView(string[] recipients, string text, string visibility = "Private", string template = "Free",
        Dictionary<string, string>? parts = null, string? privateMetadata = null, string? viewId = null)
    {
        var values = new JsonObject
        {
            ["recipients"] = new JsonObject { ["give_recipients"] = new JsonObject { ["type"] = "multi_users_select", ["selected_users"] = new JsonArray([.. recipients.Select(r => (JsonNode)r)]) } },
            ["template"] = new JsonObject { ["give_template"] = new JsonObject { ["type"] = "static_select", ["selected_option"] = new JsonObject { ["value"] = template } } },
            ["kind"] = new JsonObject { ["give_kind"] = new JsonObject { ["type"] = "radio_buttons", ["selected_option"] = new JsonObject { ["value"] = "Praise" } } },
            ["visibility"] = new JsonObject { ["give_visibility"] = new JsonObject { ["type"] = "radio_buttons", ["selected_option"] = new JsonObject { ["value"] = visibility } } },
        };
        foreach (var (part, value) in parts ?? new Dictionary<string, string> { ["text"] = text })
        {
            values[$"part_{part}"] = new JsonObject { [$"give_part:{part}"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = value } };
        }

        return new JsonObject
        {
            ["id"] = viewId ?? "V" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant(),
            ["type"] = "modal",
            ["callback_id"] = "give_feedback",
            ["hash"] = "hash-1",
            ["private_metadata"] = privateMetadata ?? "",
            ["state"] = new JsonObject { ["values"] = values },
        };
    }
}
