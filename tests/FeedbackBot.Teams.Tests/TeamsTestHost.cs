using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using FeedbackBot.Core;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Teams.Connector;
using FeedbackBot.Testing;
using FeedbackBot.Testing.Teams;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Teams.Tests;

/// <summary>A Teams person of the tests: <c>29:</c> id, Entra object id, display name.</summary>
public sealed record TestUser(string Id, string Aad, string Name)
{
    public PersonRef Person => new(Platform.Teams, TeamsTestHost.Tenant, Aad);
}

/// <summary>
/// The real ASP.NET Core pipeline on 127.0.0.1 (Kestrel, port 0) with AddTeams/MapTeams, Core, in-memory ports,
/// the fake token issuers (<see cref="FakeTeamsIdentity"/>) and the fake connector + token endpoint
/// (<see cref="FakeTeamsConnector"/>). One per test.
/// </summary>
public sealed class TeamsTestHost : IAsyncDisposable
{
    public const string AppId = "11111111-2222-3333-4444-555555555555";
    public const string Password = "test-client-secret";
    public const string Tenant = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    public const string OtherTenant = "99999999-8888-7777-6666-555555555555";

    public static readonly TestUser Ana = new("29:ana", "0a0a0a0a-0000-0000-0000-00000000000a", "Ana Lima");
    public static readonly TestUser Ben = new("29:ben", "0b0b0b0b-0000-0000-0000-00000000000b", "Ben Okafor");

    private WebApplication _app = null!;

    public FakeTeamsIdentity Identity { get; private set; } = null!;
    public FakeTeamsConnector Connector { get; private set; } = null!;
    public InMemoryAddressBook Addresses { get; } = new();
    public InMemoryFeedbackStore Feedback { get; } = new();
    public RecordingJobScheduler Jobs { get; } = new();
    public HttpClient Http { get; private set; } = null!;
    public IServiceProvider Services => _app.Services;
    public bool Anonymous { get; private init; }

    /// <summary>The clock Core runs on when the test passed one (nudges, digests); null: the system clock.</summary>
    public Microsoft.Extensions.Time.Testing.FakeTimeProvider? Time { get; private init; }

    /// <summary><paramref name="configure"/> registers services before Core and Teams do (e.g. a FakeTimeProvider).</summary>
    public static async Task<TeamsTestHost> StartAsync(bool anonymous = false, Microsoft.Extensions.Time.Testing.FakeTimeProvider? time = null, Action<IServiceCollection>? configure = null)
    {
        var host = new TeamsTestHost { Anonymous = anonymous, Time = time };
        host.Identity = await FakeTeamsIdentity.StartAsync();
        host.Connector = await FakeTeamsConnector.StartAsync();
        host.Connector.ClientId = AppId;
        host.Connector.ClientSecret = Password;
        host.Connector.RequireToken = !anonymous;
        foreach (var user in new[] { Ana, Ben })
        {
            host.Connector.AddUser(user.Id, user.Aad, user.Name);
        }

        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(anonymous
            ? new Dictionary<string, string?> { ["Teams:AllowAnonymous"] = "true" }
            : new Dictionary<string, string?>
            {
                ["Teams:AppId"] = AppId,
                ["Teams:AppPassword"] = Password,
                ["Teams:TenantId"] = Tenant,
                ["Teams:OpenIdMetadataUrl"] = host.Identity.ChannelMetadataUrl,
                ["Teams:EntraOpenIdMetadataUrl"] = host.Identity.EntraMetadataUrl,
            });
        var services = builder.Services;
        if (time is not null)
        {
            services.AddSingleton<TimeProvider>(time);
        }

        services.AddSingleton<IFeedbackStore>(host.Feedback);
        services.AddSingleton<IRequestStore>(new InMemoryRequestStore());
        services.AddSingleton<IPreferencesStore>(new InMemoryPreferencesStore());
        services.AddSingleton<IOnceStore>(new InMemoryOnceStore((TimeProvider?)time ?? TimeProvider.System));
        services.AddSingleton<IJobScheduler>(host.Jobs);
        services.AddSingleton<IDeliveryDispatcher>(host.Jobs);
        services.AddSingleton<IReminderSchedule>(new InMemoryReminderSchedule());
        services.AddSingleton<IAddressBook>(host.Addresses);
        services.Configure<TeamsTimings>(t => t.RetryBaseDelay = TimeSpan.FromMilliseconds(10));
        configure?.Invoke(services);
        services.AddFeedbackCore();
        builder.AddTeams();
        // A loaded machine (eight builds on two cores) can take more than the production 10 s to serve the fake
        // metadata on first use; a timeout there is a 401 that says nothing about the code under test.
        services.AddHttpClient(Auth.TeamsMetadata.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(60));
        // MSAL insists on an https authority: keep https://login.microsoftonline.com/{tenant} and reroute the wire.
        services.AddHttpClient(MsalBotTokenSource.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new LoopbackRedirectHandler(host.Connector.BaseUrl));

        host._app = builder.Build();
        host._app.MapTeams();
        await host._app.StartAsync();
        var address = host._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        host.Http = new HttpClient { BaseAddress = new Uri(address) };
        return host;
    }

    /// <summary>A valid channel token for an activity at <paramref name="serviceUrl"/> (default: the fake connector).</summary>
    public string ChannelToken(string? serviceUrl = null) =>
        FakeTeamsIdentity.Sign(FakeTeamsIdentity.ChannelClaims(AppId, serviceUrl ?? Connector.ServiceUrl), Identity.ChannelKey);

    /// <summary>Posts an activity with <paramref name="token"/> (default: a valid channel token; "" sends no header).</summary>
    public Task<HttpResponseMessage> PostAsync(JsonObject activity, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        token ??= Anonymous ? "" : ChannelToken((string?)activity["serviceUrl"]);
        if (token.Length > 0)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return Http.SendAsync(request);
    }

    /// <summary>A message from <paramref name="from"/> in their 1:1 with the bot.</summary>
    public JsonObject Message(TestUser from, string text, string? conversationId = null, string conversationType = "personal", JsonArray? entities = null)
    {
        var activity = Activity("message", from, conversationId ?? FakeTeamsConnector.PersonalConversation(from.Id), conversationType);
        activity["text"] = text;
        activity["entities"] = entities ?? new JsonArray(new JsonObject { ["type"] = "clientInfo", ["locale"] = "en-GB", ["timezone"] = "Europe/Lisbon" });
        return activity;
    }

    /// <summary>The app installed by <paramref name="from"/> in their personal scope.</summary>
    public JsonObject Install(TestUser from)
    {
        var activity = Activity("installationUpdate", from, FakeTeamsConnector.PersonalConversation(from.Id), "personal");
        activity["action"] = "add";
        return activity;
    }

    public JsonObject Activity(string type, TestUser from, string conversationId, string conversationType) => new()
    {
        ["type"] = type,
        ["id"] = "act-" + Guid.NewGuid().ToString("N")[..8],
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
        ["serviceUrl"] = Connector.ServiceUrl,
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = from.Id, ["name"] = from.Name, ["aadObjectId"] = from.Aad },
        ["recipient"] = new JsonObject { ["id"] = "28:" + AppId, ["name"] = "FeedbackBot" },
        ["conversation"] = new JsonObject { ["id"] = conversationId, ["conversationType"] = conversationType, ["tenantId"] = Tenant },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = Tenant } },
        ["locale"] = "en-GB",
    };

    /// <summary>A mention entity as Teams sends it beside <c>&lt;at&gt;name&lt;/at&gt;</c> in the text.</summary>
    public static JsonObject Mention(string id, string name) => new()
    {
        ["type"] = "mention",
        ["text"] = $"<at>{name}</at>",
        ["mentioned"] = new JsonObject { ["id"] = id, ["name"] = name },
    };

    /// <summary>The bot's own mention (<c>&lt;at&gt;FeedbackBot&lt;/at&gt;</c>), as in a channel or group chat.</summary>
    public static JsonObject BotMention() => Mention("28:" + AppId, "FeedbackBot");

    /// <summary>Installs the app for <paramref name="user"/> (so the bot knows their address) and forgets the welcome.</summary>
    public async Task MeetAsync(TestUser user)
    {
        Connector.AddConversation(FakeTeamsConnector.PersonalConversation(user.Id));
        var response = await PostAsync(Install(user));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Plays the delivery dispatcher: runs every dispatched delivery through Core's DeliverFeedback.</summary>
    public async Task<DeliveryOutcome> DeliverAsync(string feedbackId)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DeliverFeedback>().RunAsync(feedbackId, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (Connector is not null)
        {
            await Connector.DisposeAsync();
        }

        if (Identity is not null)
        {
            await Identity.DisposeAsync();
        }
    }
}
