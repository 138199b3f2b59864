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
        catch (SlackApiException ex)
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

/// <summary>app_home_opened: publish a fresh Home tab (it fires on every open; the Messages tab is ignored).</summary>
public sealed class AppHomeOpened(HomePublisher home) : ISlackEventHandler
{
    public const string EventType = "app_home_opened";

    public Task HandleAsync(SlackEvent slackEvent, CancellationToken ct) =>
        Interaction.Str(slackEvent.Event["tab"]) == "home" && slackEvent.UserId is { } user
            ? home.PublishAsync(SlackIds.Person(slackEvent.TeamId, user), ct)
            : Task.CompletedTask;
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

/// <summary>Home "Settings" button: the per-person settings modal.</summary>
public sealed class HomeSettingsAction(ModalOpener modals, IPreferencesStore preferences) : IBlockActionHandler
{
    public const string ActionId = "home_settings";

    public async Task<IResult> HandleAsync(Interaction interaction, BlockAction action, CancellationToken ct)
    {
        var prefs = await preferences.GetAsync(interaction.Person, ct);
        _ = modals.Open(interaction.TeamId, interaction.TriggerId, SettingsSubmission.Modal(prefs), null);
        return SlackReplies.Ack();
    }
}

/// <summary>Saves the settings modal, then refreshes the Home tab after the ack.</summary>
public sealed class SettingsSubmission(IPreferencesStore preferences, SlackBackgroundQueue queue) : IViewSubmissionHandler
{
    public const string CallbackId = "feedback_settings";
    private const string AnonymousBlock = "anonymous";
    private const string AnonymousAction = "accept_anonymous";
    private const string AcceptValue = "accept";

    public static JsonObject Modal(PersonalPreferences prefs)
    {
        var option = Bk.Option("Accept anonymous feedback", AcceptValue);
        var element = new JsonObject
        {
            ["type"] = "checkboxes",
            ["action_id"] = AnonymousAction,
            ["options"] = new JsonArray(option.DeepClone()),
        };
        if (prefs.AcceptsAnonymous)
        {
            element["initial_options"] = new JsonArray(option.DeepClone());
        }

        return Bk.Modal(CallbackId, "Feedback settings",
            [Bk.Input(AnonymousBlock, "Anonymous feedback", element, optional: true,
                hint: "When on, teammates may send you feedback without their name.")],
            submit: "Save");
    }

    public async Task<IResult> HandleAsync(Interaction interaction, SlackView view, CancellationToken ct)
    {
        var selected = view.StateValues[AnonymousBlock]?[AnonymousAction]?["selected_options"] as JsonArray;
        var accepts = selected?.Any(o => Interaction.Str(o?["value"]) == AcceptValue) == true;
        var person = interaction.Person;
        var prefs = await preferences.GetAsync(person, ct);
        await preferences.SaveAsync(person, prefs with { AcceptsAnonymous = accepts }, ct);
        queue.Enqueue((sp, workCt) => sp.GetRequiredService<HomePublisher>().PublishAsync(person, workCt));
        return SlackReplies.Ack();
    }
}
