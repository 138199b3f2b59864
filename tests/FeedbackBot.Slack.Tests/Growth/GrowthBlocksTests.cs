using FeedbackBot.Core.Digest;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Slack.Digest;

namespace FeedbackBot.Slack.Tests.Growth;

public sealed class GrowthBlocksTests
{
    [Fact]
    public void Digest_WithDueCheckIns_ListsThemEscapedOnce()
    {
        var notice = new WeeklyDigestNotice("2026-W10", 0, [], [], [], null, new FeedbackStreak(0, false), false) { DueCheckIns = ["hand <the report> to Sam"] };

        var (_, blocks) = DigestBlocks.Render(notice);

        var json = Testing.RecordedCall.ReadableJson(blocks);
        Assert.Contains("Check-ins this week", json);
        Assert.Contains("hand &lt;the report&gt; to Sam", json);
        Assert.DoesNotContain("&amp;lt;", json);
    }
}
