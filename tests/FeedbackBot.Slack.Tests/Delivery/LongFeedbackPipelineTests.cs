using System.Text;
using System.Text.RegularExpressions;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Slack.Tests.Text;
using FeedbackBot.Slack.Text;
using FeedbackBot.Testing;
using Xunit.Abstractions;

namespace FeedbackBot.Slack.Tests;

/// <summary>
/// Issue 10 #4 against a fake that enforces Block Kit's documented limits (50 blocks, 3,000 characters a text
/// object; see <see cref="FakeSlackApi.BlockLimitErrors"/>): the most escape-heavy feedback the bot accepts
/// (3,000 characters, where every <c>&amp;</c> becomes five) goes in through the HTTP pipeline with Slack's own
/// encoding and reaches the recipient whole, split only between entities, and unescapes to exactly what was typed.
/// </summary>
public sealed partial class LongFeedbackPipelineTests(ITestOutputHelper output)
{
    [Fact]
    public async Task QuickGive_ThreeThousandAmpersands_ArriveWholeWithNoEntityCut()
    {
        var text = new string('&', GiveFeedback.MaxLength);

        var sections = await GiveByCommandAsync(text);

        // One unbroken line: every split is inside it, so the pieces simply follow each other.
        Assert.Equal(text, SlackInbound.Unescape(string.Concat(sections.Select(Unquote))));
        Assert.Equal(5 * GiveFeedback.MaxLength, sections.Sum(s => Unquote(s).Length));
    }

    [Fact]
    public async Task QuickGive_ThreeThousandCharsOfEscapesAndQuotedLines_ArriveWhole()
    {
        var sb = new StringBuilder();
        for (var i = 0; sb.Length < GiveFeedback.MaxLength; i++)
        {
            sb.Append((i % 4) switch
            {
                0 => "> \"quoted\" line & <b>tag</b> >> <<\n",
                1 => "\n",
                2 => "&&& <@ not a mention > &amp; typed literally\n",
                _ => "'single' & \"double\" quotes\n",
            });
        }

        var text = sb.ToString()[..GiveFeedback.MaxLength].TrimEnd('\n');

        var sections = await GiveByCommandAsync(text);

        // Lines are short, so every split is at a line break (the break itself is the section boundary).
        Assert.Equal(text, SlackInbound.Unescape(string.Join("\n", sections.Select(Unquote))));
    }

    /// <summary>
    /// Gives <paramref name="text"/> as a slash command with Slack's encoding, delivers it, checks the DM against
    /// the limits and returns the sections that quote the feedback.
    /// </summary>
    private async Task<IReadOnlyList<string>> GiveByCommandAsync(string text)
    {
        await using var host = await SlackTestHost.StartAsync();

        var response = await host.PostCommandAsync($"<@U2> {FakeSlackApi.Escape(text)}");

        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadAsStringAsync();
        if (host.Feedback.All.Count == 0)
        {
            // The coach had advice (e.g. "this is long"): send it as is, as the giver would.
            await host.PostInteractionAsync(Payloads.BlockAction(FeedbackBot.Slack.Give.QuickSendAction.ActionId,
                QuickGiveTests.ButtonValue(System.Text.Json.Nodes.JsonNode.Parse(answer)!.AsObject(), FeedbackBot.Slack.Give.QuickSendAction.ActionId),
                responseUrl: host.Slack.ResponseUrl("review")));
            await host.IdleAsync();
        }

        Assert.Equal(text, Assert.Single(host.Feedback.All).Content.PlainText);
        Assert.Equal([DeliveryOutcome.Delivered], await host.RunDeliveriesAsync()); // the strict fake took it
        var dm = Assert.Single(host.Slack.CallsTo("chat.postMessage"), c => c.Args["channel"]!.GetValue<string>() == "DU2");

        Assert.InRange(dm.Blocks().Count, 1, FakeSlackApi.MaxBlocks);
        var sections = dm.SectionTexts().Where(s => s.StartsWith("> ", StringComparison.Ordinal)).ToArray();
        Assert.All(sections, s => Assert.InRange(s.Length, 1, FakeSlackApi.MaxText));
        Assert.All(sections, s => Assert.DoesNotMatch(BrokenEntity(), s)); // "&am" | "p;" never happens
        Assert.DoesNotContain("…", string.Concat(sections));
        output.WriteLine($"{text.Length} typed characters → {sections.Length} sections, {sections.Sum(s => s.Length)} characters of section text, {dm.Blocks().Count} blocks");
        return sections;
    }

    // A section's quoted lines back to the escaped text: drop the "> " Slack shows as the quote bar.
    private static string Unquote(string section) =>
        string.Join("\n", section.Split('\n').Select(l => l.StartsWith("> ", StringComparison.Ordinal) ? l[2..] : l));

    // Every & in escaped text starts one of the three entities; anything else is an entity cut in half.
    [GeneratedRegex("&(?!amp;|lt;|gt;)")]
    private static partial Regex BrokenEntity();
}
