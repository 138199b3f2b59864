using System.Text.Json.Nodes;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Preferences;
using FeedbackBot.Core.Requests;
using FeedbackBot.Slack.Api;
using FeedbackBot.Slack.Background;
using FeedbackBot.Slack.Blocks;
using FeedbackBot.Slack.Delivery;
using FeedbackBot.Slack.Give;
using FeedbackBot.Slack.Http;
using FeedbackBot.Slack.Inbound;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Slack.Home;

/// <summary>Builds and publishes a person's App Home: buttons, latest received and sent feedback, settings.</summary>
public sealed class HomePublisher(
    SlackApiClient api,
    IFeedbackStore store,
    IPreferencesStore preferences,
    IPeopleDirectory people,
    PendingOverview pending,
    ILogger<HomePublisher> logger)
{
    private const int ListSize = 5;

    public async Task PublishAsync(PersonRef person, CancellationToken ct)
    {
        var prefs = await preferences.GetAsync(person, ct);
        string? profileZone = null;
        try
        {
            // users.info carries the person's IANA tz; dates read better in their own zone.
            profileZone = (await people.GetProfileAsync(person, ct))?.TimeZoneId;
        }
        catch (PeopleLookupException ex)
        {
            logger.LogInformation(ex, "No profile for {Person}; App Home uses UTC", person);
        }

        var zone = prefs.ResolveTimeZone(profileZone);
        var received = await store.ListReceivedAsync(person, ListSize, ct);
        var sent = await store.ListSentAsync(person, ListSize, ct);
        var requests = await pending.GetAsync(person, ct);
        await api.PublishHomeAsync(person.WorkspaceId, person.UserId, Build(received, sent, zone, prefs, requests), ct);
    }

    public static JsonObject Build(IReadOnlyList<FeedbackItem> received, IReadOnlyList<FeedbackItem> sent, TimeZoneInfo zone, PersonalPreferences prefs,
        PendingItems? requests = null)
    {
        var blocks = new JsonArray(
            Bk.Header("Feedback"),
            Bk.Actions("home_actions",
                Bk.Button("Give feedback", HomeGiveAction.ActionId, style: "primary"),
                Bk.Button("Request feedback", HomeRequestAction.ActionId),
                Bk.Button("Settings", HomeSettingsAction.ActionId)),
            Bk.Context(prefs.AcceptsAnonymous ? "You accept anonymous feedback." : "You accept feedback with a name on it. Change this in Settings."),
            Bk.Header("Received"));
        AddList(blocks, received, zone, fromSide: true, "Nothing yet. Ask a teammate what they think of your work.");
        blocks.Add(Bk.Header("Sent"));
        AddList(blocks, sent, zone, fromSide: false, "You haven't sent any feedback yet. A quick thank-you counts.");
        if (requests is not null)
        {
            blocks.Add(Bk.Header("Requests"));
            foreach (var block in Requests.PendingText.Blocks(requests, maxPerList: 5))
            {
                blocks.Add(block!.DeepClone());
            }
        }

        return new JsonObject { ["type"] = "home", ["blocks"] = blocks };
    }

    private static void AddList(JsonArray blocks, IReadOnlyList<FeedbackItem> items, TimeZoneInfo zone, bool fromSide, string empty)
    {
        if (items.Count == 0)
        {
            blocks.Add(Bk.Context(empty));
            return;
        }

        foreach (var item in items)
        {
            blocks.Add(Bk.Section(FeedbackText.Summary(item, zone, fromSide)));
        }
    }
}

/// <summary>
/// app_home_opened: publish a fresh Home tab (it fires on every open; the Messages tab is ignored), and keep
/// the weekly digest planned (first contact, changed time zone).
/// </summary>
public sealed class AppHomeOpened(HomePublisher home, Digest.ReminderTouch reminders) : ISlackEventHandler
{
    public const string EventType = "app_home_opened";

    public async Task HandleAsync(SlackEvent slackEvent, CancellationToken ct)
    {
        if (slackEvent.Event.Tab == "home" && slackEvent.UserId is { } user)
        {
            var person = SlackIds.Person(slackEvent.TeamId, user);
            await home.PublishAsync(person, ct);
            await reminders.TouchAsync(person, ct);
        }
    }
}

/// <summary>Home "Give feedback" button.</summary>
public sealed class HomeGiveAction(ModalOpener modals) : IBlockActionHandler
{
    public const string ActionId = "home_give";

    public Task<IResult> HandleAsync(Interaction interaction, BlockAction action, CancellationToken ct)
    {
        _ = modals.Open(interaction.TeamId, interaction.TriggerId, GiveModal.Build(GiveDraft.Empty), null);
        return Task.FromResult(SlackReplies.Ack());
    }
}

/// <summary>Home "Request feedback" button: the empty request modal.</summary>
public sealed class HomeRequestAction(Requests.RequestModalOpener opener) : IBlockActionHandler
{
    public const string ActionId = "home_request";

    public Task<IResult> HandleAsync(Interaction interaction, BlockAction action, CancellationToken ct)
    {
        _ = opener.Open(interaction.Person, interaction.TriggerId, Requests.RequestDraft.Empty, null);
        return Task.FromResult(SlackReplies.Ack());
    }
}

/// <summary>Home "Settings" button: the per-person settings modal (Settings/SettingsModal).</summary>
public sealed class HomeSettingsAction(Settings.SettingsOpener settings) : IBlockActionHandler
{
    public const string ActionId = "home_settings";

    public Task<IResult> HandleAsync(Interaction interaction, BlockAction action, CancellationToken ct)
    {
        _ = settings.Open(interaction.Person, interaction.TriggerId, null);
        return Task.FromResult(SlackReplies.Ack());
    }
}
