using System.Text;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Slack.Delivery;
using FeedbackBot.Slack.Tests.Text;
using FeedbackBot.Slack.Text;

namespace FeedbackBot.Slack.Tests;

/// <summary>
/// Issue 10 #4: the delivered DM carries every accepted character. Slack caps a section's text at 3000
/// characters (https://api.slack.com/reference/block-kit/composition-objects#text), and escaping makes
/// <c>&amp;</c> five characters long, so long feedback spreads over several sections instead of being cut.
/// </summary>
public sealed class LongFeedbackTests
{
    [Fact]
    public async Task ThreeThousandEscapeHeavyCharacters_ReachTheRecipientWhole()
    {
        var text = string.Concat(Enumerable.Repeat("&<> a&b <c> ", GiveFeedback.MaxLength / 12 + 1))[..GiveFeedback.MaxLength].TrimEnd() + "!";
        var dm = await DeliverViaModalAsync(text);

        Assert.All(dm.SectionTexts(), s => Assert.InRange(s.Length, 1, Mrkdwn.MaxText));
        Assert.Equal(text, Reassemble(dm));
        Assert.DoesNotContain("…", string.Concat(dm.SectionTexts()));
    }

    [Fact]
    public async Task QuotedMultiLineText_ReachesTheRecipientWhole_EveryLineQuoted()
    {
        var sb = new StringBuilder();
        for (var i = 0; sb.Length < GiveFeedback.MaxLength - 40; i++)
        {
            sb.Append(i % 3 == 0 ? "> \"quoted\" line & <tag>\n" : i % 3 == 1 ? "\n" : "x\n");
        }

        var text = sb.ToString().TrimEnd('\n');
        var dm = await DeliverViaModalAsync(text);

        Assert.All(dm.SectionTexts(), s => Assert.InRange(s.Length, 1, Mrkdwn.MaxText));
        Assert.Equal(text, Reassemble(dm));
    }

    [Fact]
    public void QuotedPieces_LongWordWithoutSpaces_SplitsWithoutBreakingEntities()
    {
        var escaped = Mrkdwn.Escape(new string('&', 3000));
        var pieces = FeedbackText.QuotedPieces(escaped, 2900);

        Assert.All(pieces, p => Assert.InRange(p.Length, 1, 2900));
        Assert.All(pieces, p => Assert.Matches("^> (&amp;)+$", p));
        Assert.Equal(escaped, string.Concat(pieces.Select(p => p[2..])));
    }

    [Fact]
    public void QuotedPieces_ManyMentions_NoPieceEndsInsideOne()
    {
        var neutral = string.Concat(Enumerable.Repeat(SlackInbound.MentionToken("U1234567") + "&", 600));
        var pieces = FeedbackText.QuotedPieces(Mrkdwn.Escape(neutral), 2900);

        Assert.True(pieces.Count > 1);
        Assert.All(pieces, p => Assert.Matches("^> (<@U1234567>&amp;)*(<@U1234567>)?(&amp;)?$", p));
    }

    [Fact]
    public void QuotedPieces_ThreeThousandShortLines_StayWithinSlacksFiftyBlocks()
    {
        var escaped = Mrkdwn.Escape(string.Concat(Enumerable.Repeat("a\n", 1500)).TrimEnd('\n'));
        var pieces = FeedbackText.QuotedPieces(escaped, 2900);

        Assert.All(pieces, p => Assert.InRange(p.Length, 1, 2900));
        Assert.InRange(pieces.Count, 2, 10);
    }

    private static async Task<FeedbackBot.Testing.RecordedCall> DeliverViaModalAsync(string text)
    {
        await using var host = await SlackTestHost.StartAsync();
        var response = await host.PostInteractionAsync(Payloads.ViewSubmission(Payloads.GiveView(["U2"], text)));
        response.EnsureSuccessStatusCode();
        Assert.Equal(text, Assert.Single(host.Feedback.All).Content.PlainText);

        Assert.Equal([DeliveryOutcome.Delivered], await host.RunDeliveriesAsync());
        return Assert.Single(host.Slack.CallsTo("chat.postMessage"), c => c.Args["channel"]!.GetValue<string>() == "DU2");
    }

    // The sections that quote the feedback, back to the typed text: drop the quote markers, undo the escaping.
    private static string Reassemble(FeedbackBot.Testing.RecordedCall dm)
    {
        var quoted = dm.SectionTexts().Where(s => s.StartsWith("> ", StringComparison.Ordinal)).ToArray();
        var lines = quoted.Select(s => string.Join("\n", s.Split('\n').Select(l => l.StartsWith("> ", StringComparison.Ordinal) ? l[2..] : l)));
        return SlackInbound.Unescape(JoinPieces(lines.ToArray()));
    }

    // A piece boundary sits at a line break (dropped by the split) or inside a line (kept as is).
    private static string JoinPieces(string[] pieces) => pieces.Length == 0 ? "" : pieces.Aggregate((a, b) => a + Separator(b) + b);

    private static string Separator(string next) => next.StartsWith(' ') ? "" : "\n";
}
