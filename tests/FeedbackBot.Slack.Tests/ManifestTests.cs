using System.Text.Json.Nodes;
using FeedbackBot.Slack.Give;
using FeedbackBot.Slack.Home;
using FeedbackBot.Slack.Requests;

namespace FeedbackBot.Slack.Tests;

/// <summary>The app manifest must match the code: ids, URLs, and exactly the scopes the adapter uses.</summary>
public sealed class ManifestTests
{
    internal static JsonObject Manifest(string file = "manifest.json")
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FeedbackBot.sln")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        return (JsonNode.Parse(File.ReadAllText(Path.Combine(dir.FullName, "manifests", "slack", file))) as JsonObject)!;
    }

    [Fact]
    public void Manifest_CommandAndShortcuts_MatchHandlers()
    {
        var features = Manifest()["features"]!;
        var command = Assert.Single(features["slash_commands"]!.AsArray())!;
        Assert.Equal(FeedbackCommandHandler.Command, command["command"]!.GetValue<string>());
        // The parser relies on Slack escaping picked users as <@U…>.
        Assert.True(command["should_escape"]!.GetValue<bool>());
        Assert.EndsWith("/slack/commands", command["url"]!.GetValue<string>());
        // Slack's manifest schema: usage_hint 1–1000 chars; it names every subcommand the parser knows.
        var hint = command["usage_hint"]!.GetValue<string>();
        Assert.InRange(hint.Length, 1, 1000);
        Assert.All(["give", "request", "pending", "inbox", "settings", "help"], word => Assert.Contains(word, hint));

        var shortcuts = features["shortcuts"]!.AsArray().ToDictionary(s => s!["callback_id"]!.GetValue<string>(), s => s!);
        Assert.Equal("message", shortcuts[GiveOnMessageShortcut.CallbackId]["type"]!.GetValue<string>());
        Assert.Equal("global", shortcuts[GiveGlobalShortcut.CallbackId]["type"]!.GetValue<string>());
        Assert.Equal("message", shortcuts[RequestOnMessageShortcut.CallbackId]["type"]!.GetValue<string>());
        // Slack's manifest schema: shortcut names 1–24 chars, descriptions ≤150.
        Assert.All(shortcuts.Values, s => Assert.InRange(s["name"]!.GetValue<string>().Length, 1, 24));
        Assert.All(shortcuts.Values, s => Assert.InRange(s["description"]!.GetValue<string>().Length, 1, 150));
        Assert.True(features["app_home"]!["home_tab_enabled"]!.GetValue<bool>());
    }

    [Fact]
    public void Manifest_Urls_AndEvents_MatchEndpoints()
    {
        var settings = Manifest()["settings"]!;
        Assert.EndsWith("/slack/events", settings["event_subscriptions"]!["request_url"]!.GetValue<string>());
        Assert.Equal([AppHomeOpened.EventType, ReactionAdded.EventType, BotJoinedChannel.EventType, AppMentioned.EventType,
            global::FeedbackBot.Slack.Install.AppUninstalled.EventType, global::FeedbackBot.Slack.Install.AppUninstalled.TokensRevokedEventType], settings["event_subscriptions"]!["bot_events"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.True(settings["interactivity"]!["is_enabled"]!.GetValue<bool>());
        Assert.EndsWith("/slack/interactivity", settings["interactivity"]!["request_url"]!.GetValue<string>());
    }

    [Fact]
    public void Manifest_Scopes_ExactlyThoseUsed()
    {
        // commands: /feedback and shortcuts; chat:write: chat.postMessage; im:write: conversations.open for DMs;
        // users:read: users.info (tz, is_bot, deleted); reactions:read: reaction_added; channels:history and
        // groups:history: conversations.replies (thread suggestions, reacted message excerpt); im:history:
        // conversations.history of the bot's DM, to check whether an uncertain delivery arrived before resending.
        // views.* and chat.getPermalink need no scope. app_mentions:read: app_mention; channels:read and
        // groups:read: member_joined_channel (the bot invited to a public or private channel), both answered with
        // chat.postEphemeral. usergroups:read: usergroups.list / usergroups.users.list, and channels:read also
        // conversations.list / info / members, for team insights (docs/insights.md).
        var scopes = Manifest()["oauth_config"]!["scopes"]!["bot"]!.AsArray().Select(s => s!.GetValue<string>()).Order();
        Assert.Equal(["app_mentions:read", "channels:history", "channels:read", "chat:write", "commands", "groups:history", "groups:read", "im:history", "im:write", "reactions:read", "usergroups:read", "users:read"], scopes);
    }
}
