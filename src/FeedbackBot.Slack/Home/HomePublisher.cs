using System.Text.Json.Nodes;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Growth;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Ratings;
using FeedbackBot.Core.Preferences;
using FeedbackBot.Core.Requests;
using FeedbackBot.Slack.Api;
using FeedbackBot.Slack.Blocks;
using FeedbackBot.Slack.Delivery;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Slack.Home;

/// <summary>Builds and publishes a person's App Home: buttons, latest received and sent feedback, settings.</summary>
public sealed class HomePublisher(
    SlackApiClient api,
    IFeedbackStore store,
    IPreferencesStore preferences,
    IPeopleDirectory people,
    PendingOverview pending,
    ILogger<HomePublisher> logger,
    IGrowthStore? growth = null,
    IValueTagStore? values = null)
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
        // Without growth storage there is nothing to show or file under a theme.
        var record = growth is null ? null : await GrowthBook.ReadAsync(growth, person, ct);
        var home = Build(received, sent, zone, prefs, requests, record);
        if (values is not null && Ratings.ValuesLine.For(await values.ListAsync(person, ct)) is { } line)
        {
            // Under the "Received" header: which company values colleagues recognised in them (only they see Home).
            var blocks = home["blocks"]!.AsArray();
            var at = blocks.Select((b, i) => (b, i)).First(x => x.b?["text"]?["text"]?.GetValue<string>() == "Received").i + 1;
            blocks.Insert(at, Bk.Context(line));
        }

        await api.PublishHomeAsync(person.WorkspaceId, person.UserId, home, ct);
    }

    /// <summary>
    /// Republishes the Home tab when the person acted from it: Home is a published view, not a live query, so a
    /// declined or snoozed ask would otherwise stay listed with its buttons. Best effort.
    /// </summary>
    public async Task RepublishIfFromHomeAsync(PersonRef person, bool fromHome, CancellationToken ct)
    {
        if (!fromHome)
        {
            return;
        }

        try
        {
            await PublishAsync(person, ct);
        }
        catch (SlackApiException ex)
        {
            logger.LogInformation(ex, "Home refresh for {Person} failed", person);
        }
    }

    public static JsonObject Build(IReadOnlyList<FeedbackItem> received, IReadOnlyList<FeedbackItem> sent, TimeZoneInfo zone, PersonalPreferences prefs,
        PendingItems? requests = null, GrowthRecord? growth = null)
    {
        var blocks = new JsonArray(
            Bk.Header("Feedback"),
            Bk.Actions("home_actions",
                Bk.Button("Give feedback", HomeGiveAction.ActionId, style: "primary"),
                Bk.Button("Request feedback", HomeRequestAction.ActionId),
                Bk.Button("Settings", HomeSettingsAction.ActionId),
                Bk.Button("Review prep", Growth.HomeReviewPrepAction.ActionId)),
            Bk.Context(prefs.AcceptsAnonymous ? "You accept anonymous feedback." : "You accept feedback with a name on it. Change this in Settings."),
            Bk.Header("Received"));
        AddList(blocks, received, zone, fromSide: true, "Nothing yet. Ask a teammate what they think of your work.", growth?.Themes);
        blocks.Add(Bk.Header("Sent"));
        AddList(blocks, sent, zone, fromSide: false, "You haven't sent any feedback yet. A quick thank-you counts.");
        if (growth is not null && Growth.GrowthText.Overview(growth, zone) is { Count: > 0 } overview)
        {
            blocks.Add(Bk.Header("Growth"));
            foreach (var block in overview)
            {
                blocks.Add(block);
            }
        }

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

    /// <summary>The items as sections; with <paramref name="themes"/> (received items, growth storage present) each has its theme button.</summary>
    private static void AddList(JsonArray blocks, IReadOnlyList<FeedbackItem> items, TimeZoneInfo zone, bool fromSide, string empty, IReadOnlyList<GrowthTheme>? themes = null)
    {
        if (items.Count == 0)
        {
            blocks.Add(Bk.Context(empty));
            return;
        }

        foreach (var item in items)
        {
            blocks.Add(Bk.Section(FeedbackText.Summary(item, zone, fromSide), themes is null ? null : Growth.ThemePicker.Button(item, themes)));
        }
    }
}
