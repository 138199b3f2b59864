using System.Text.Json;
using FeedbackBot.Core.Coaching;
using FeedbackBot.Core.Feedback;
using Microsoft.Extensions.Time.Testing;

namespace FeedbackBot.Core.Tests.Coaching;

public sealed class CoachReportJsonTests
{
    [Fact]
    public void Serialize_WritesTheWireShape()
    {
        var coach = new FeedbackCoach(new FakeTimeProvider());
        var report = coach.Review(CoachDraft.FromText("You always miss the standup, it's ridiculous.", FeedbackKind.Constructive));

        using var json = JsonDocument.Parse(CoachReportJson.Serialize(report));
        var root = json.RootElement;

        Assert.Equal(["specific", "why", "actionable", "kind", "timely", "tips", "nothing_to_review", "language"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("en", root.GetProperty("language").GetString());
        foreach (var name in new[] { "specific", "why", "actionable", "kind", "timely" })
        {
            var criterion = root.GetProperty(name);
            Assert.Equal(["verdict", "evidence", "tip", "example"], criterion.EnumerateObject().Select(p => p.Name));
            Assert.Contains(criterion.GetProperty("verdict").GetString(), new[] { "met", "missing", "not_applicable" });
        }
        Assert.Equal("missing", root.GetProperty("kind").GetProperty("verdict").GetString());
        Assert.Contains(root.GetProperty("tips").EnumerateArray(), t => t.GetProperty("code").GetString() == "absolute");
        Assert.Equal(["code", "message"], root.GetProperty("tips")[0].EnumerateObject().Select(p => p.Name));
        Assert.False(root.GetProperty("nothing_to_review").GetBoolean());
    }

    [Theory]
    [InlineData(Verdict.Met, "met")]
    [InlineData(Verdict.Missing, "missing")]
    [InlineData(Verdict.NotApplicable, "not_applicable")]
    public void VerdictName_IsSnakeCase(Verdict verdict, string expected) => Assert.Equal(expected, CoachReportJson.VerdictName(verdict));
}
