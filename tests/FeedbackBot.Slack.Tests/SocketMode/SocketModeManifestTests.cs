using System.Text.Json.Nodes;

namespace FeedbackBot.Slack.Tests.SocketMode;

/// <summary>The Socket Mode manifest is the HTTP one with Socket Mode on and no request URLs, nothing else.</summary>
public sealed class SocketModeManifestTests
{
    [Fact]
    public void SocketManifest_IsTheHttpManifestWithoutUrls()
    {
        var http = ManifestTests.Manifest();
        var socket = ManifestTests.Manifest("manifest.socket-mode.json");

        Assert.True(socket["settings"]!["socket_mode_enabled"]!.GetValue<bool>());
        Assert.DoesNotContain("\"url\"", socket.ToJsonString());
        Assert.DoesNotContain("request_url", socket.ToJsonString());

        // Same commands, shortcuts, scopes and events as the HTTP app, so every feature works in both.
        foreach (var command in http["features"]!["slash_commands"]!.AsArray())
        {
            command!.AsObject().Remove("url");
        }

        // No public URL in Socket Mode, so no OAuth redirect either: the app is installed from its settings page.
        http["oauth_config"]!.AsObject().Remove("redirect_urls");
        http["settings"]!["event_subscriptions"]!.AsObject().Remove("request_url");
        http["settings"]!["interactivity"]!.AsObject().Remove("request_url");
        http["settings"]!["socket_mode_enabled"] = true;
        Assert.True(JsonNode.DeepEquals(http, socket), "the Socket Mode manifest drifted from manifest.json");
    }
}
