using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FeedbackBot.Core;
using FeedbackBot.Core.DataRights;
using FeedbackBot.Core.Ports;
using FeedbackBot.Slack.DataRights;
using FeedbackBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Slack.Tests.DataRights;

/// <summary>
/// <c>/feedback export</c> and <c>/feedback delete-my-data</c> through HTTP with the fake Slack: the link arrives by
/// DM, downloads a zip once, is refused the second time (404) and after it expired (410); delete asks first.
/// </summary>
public sealed partial class DataRightsFlowTests
{
    private const string PublicUrl = "https://feedback.example.test";

    [GeneratedRegex(@"https://feedback\.example\.test/export/([A-Za-z0-9_-]{43})")]
    private static partial Regex LinkPattern();

    [Fact]
    public async Task Export_LinkByDm_WorksOnce_ThenNotFound_AndExpiredIsGone()
    {
        await using var host = await SlackTestHost.StartAsync(extraServices: s => s.AddInMemoryDataRights(PublicUrl));
        await host.PostCommandAsync("<@U2> your <release> notes were specific & saved support a day", user: "U1");
        await host.RunDeliveriesAsync();

        var ack = await SlackTestHost.JsonAsync(await host.PostCommandAsync("export", user: "U2"));
        Assert.Contains("Preparing your export", ack["text"]!.GetValue<string>());
        var token = await LinkTokenAsync(host, count: 1);

        // Storage holds the token's hash only; the URL names no person and carries no feedback text.
        var links = (InMemoryOneTimeLinkStore)host.Services.GetRequiredService<IOneTimeLinkStore>();
        Assert.Equal([OneTimeLinks.Hash(token)!], links.Hashes(ExportLinks.Purpose));

        var response = await host.Http.GetAsync("/export/" + token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync());
        var json = JsonNode.Parse(await new StreamReader(zip.GetEntry("feedback-export.json")!.Open()).ReadToEndAsync())!;
        Assert.Equal("slack:T1:U2", json["person"]!.GetValue<string>());
        var received = Assert.Single(json["parts"]!["received"]!.AsArray())!;
        Assert.Equal("your <release> notes were specific & saved support a day", received["text"]!.GetValue<string>());
        Assert.Equal("slack:T1:U1", received["from"]!.GetValue<string>());
        var markdown = await new StreamReader(zip.GetEntry("feedback-export.md")!.Open()).ReadToEndAsync();
        Assert.Contains("your \\<release\\> notes were specific & saved support a day", markdown);

        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.GetAsync("/export/" + token)).StatusCode);
        Assert.Empty(links.Hashes(ExportLinks.Purpose));

        // A new link, unused for longer than its 10 minutes: refused as gone.
        await host.PostCommandAsync("export", user: "U2");
        var late = await LinkTokenAsync(host, count: 2);
        host.Time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Gone, (await host.Http.GetAsync("/export/" + late)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.GetAsync("/export/not-a-token")).StatusCode);
    }

    [Fact]
    public async Task Export_WithoutPublicUrl_SaysWhyAndSendsNoLink()
    {
        await using var host = await SlackTestHost.StartAsync(extraServices: s => s.AddInMemoryDataRights(publicUrl: ""));

        await host.PostCommandAsync("export", user: "U2");

        var told = Assert.Single(await host.Slack.WaitForAsync("response_url"));
        Assert.Contains("Web:PublicBaseUrl", told.Json);
        Assert.DoesNotContain(host.Slack.DmTexts("U2"), t => t.Contains("ready"));
    }

    [Fact]
    public async Task DeleteMyData_AsksFirst_ThenErasesTheClicker()
    {
        await using var host = await SlackTestHost.StartAsync(extraServices: s => s.AddInMemoryDataRights(PublicUrl));
        var part = host.Services.GetRequiredService<InMemoryReceivedPart>();

        var ack = await SlackTestHost.JsonAsync(await host.PostCommandAsync("delete-my-data", user: "U2"));

        // Nothing is deleted by the command; the button is behind Slack's confirmation dialog.
        Assert.Empty(part.Erased);
        var button = ack["blocks"]!.AsArray().SelectMany(b => b!["elements"]?.AsArray() ?? []).Single()!;
        Assert.Equal(DeleteMyDataAction.ActionId, button["action_id"]!.GetValue<string>());
        Assert.Equal("danger", button["confirm"]!["style"]!.GetValue<string>());

        // Whatever the payload's value says, the clicker's data is what goes.
        await host.PostInteractionAsync(Payloads.BlockAction(DeleteMyDataAction.ActionId, "U3", user: "U2", responseUrl: host.Slack.ResponseUrl("r-del")));

        var done = Assert.Single(await host.Slack.WaitForAsync("response_url"));
        Assert.Contains("Your data is deleted", done.Json);
        Assert.True(done.Args["replace_original"]!.GetValue<bool>());
        Assert.Equal(["slack:T1:U2"], part.Erased.Select(p => p.Key));
    }

    private static async Task<string> LinkTokenAsync(SlackTestHost host, int count)
    {
        // The DM is sent after the ack: a short bounded wait for the count-th one.
        for (var i = 0; i < 100; i++)
        {
            var ready = host.Slack.DmMessages("U2").Where(m => m.Text == "Your FeedbackBot data is ready").ToArray();
            if (ready.Length >= count)
            {
                return LinkPattern().Match(ready[count - 1].Blocks!.ToJsonString()).Groups[1].Value;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"export link DM {count} did not arrive");
    }
}
