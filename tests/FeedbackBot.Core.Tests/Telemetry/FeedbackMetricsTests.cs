using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using FeedbackBot.Core.Coaching;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Telemetry;

namespace FeedbackBot.Core.Tests.Telemetry;

public sealed class FeedbackMetricsTests
{
    [Theory]
    [InlineData("POST", "v3/conversations", "POST v3/conversations")]
    [InlineData("POST", "v3/conversations/a:1Xyz-9/activities", "POST v3/conversations/{id}/activities")]
    [InlineData("GET", "/v3/conversations/19:abc@thread.tacv2/members/29:1a2b", "GET v3/conversations/{id}/members/{id}")]
    [InlineData("PUT", "v3/conversations/a%3A1/activities/1700000000?x=1", "PUT v3/conversations/{id}/activities/{id}")]
    public void RouteOf_KeepsWords_ReplacesIds(string method, string path, string expected)
    {
        Assert.Equal(expected, FeedbackMetrics.RouteOf(method, path));
    }

    [Fact]
    public void FeedbackGiven_TagsPlatformAndAnonymity_NoPerson()
    {
        using var listener = Listen("feedbackbot.feedback.given", out var seen);

        FeedbackMetrics.FeedbackGiven(new PersonRef(Platform.Teams, "tenant-metrics-test", "29:someone"), anonymous: true);

        var tags = Assert.Single(seen, m => m.Tags.Contains(new("platform", "teams")));
        Assert.Equal(1, tags.Value);
        Assert.Equal(["anonymous", "platform"], tags.Tags.Select(t => t.Key).Order());
        Assert.Contains(new KeyValuePair<string, object?>("anonymous", true), tags.Tags);
    }

    [Fact]
    public void CoachReviewed_RecordsMetOverApplicable_SkipsEmptyDrafts()
    {
        using var listener = Listen("feedbackbot.coach.criteria_met_ratio", out var seen);
        var coach = new FeedbackCoach(TimeProvider.System);
        var report = coach.Review(CoachDraft.FromText("In Monday's demo your rollback plan was clear, which calmed the client.", FeedbackKind.Praise));
        var applicable = report.Criteria.Count(c => c.Result.Verdict != Verdict.NotApplicable);
        var met = report.Criteria.Count(c => c.Result.Verdict == Verdict.Met);

        FeedbackMetrics.CoachReviewed(report);
        FeedbackMetrics.CoachReviewed(coach.Review(CoachDraft.FromText("")));

        Assert.Contains(seen, m => Math.Abs(m.Value - (double)met / applicable) < 1e-9);
        Assert.True(applicable > 0);
    }

    private static MeterListener Listen(string instrumentName, out ConcurrentBag<(double Value, KeyValuePair<string, object?>[] Tags)> seen)
    {
        // The meter is static: other tests record on it in parallel, so assertions pick out their own measurement.
        var bag = seen = [];
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == FeedbackMetrics.MeterName && instrument.Name == instrumentName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) => bag.Add((value, tags.ToArray())));
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) => bag.Add((value, tags.ToArray())));
        listener.Start();
        return listener;
    }
}
