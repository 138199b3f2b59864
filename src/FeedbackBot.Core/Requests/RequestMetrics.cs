using System.Diagnostics.Metrics;

namespace FeedbackBot.Core.Requests;

/// <summary>
/// Request and nudge measurements for dashboards. Each answer's time-to-feedback is also kept on the request
/// itself (<see cref="FeedbackRequest.TimeToFeedback"/>), so insights can be computed from storage later.
/// </summary>
public sealed class RequestMetrics
{
    public const string MeterName = "FeedbackBot.Requests";

    private readonly Histogram<double> _timeToFeedback;
    private readonly Counter<long> _nudgesSent;
    private readonly Counter<long> _expired;

    /// <param name="meterFactory">The host's factory; without one (tests, tools) a private meter is used.</param>
    public RequestMetrics(IMeterFactory? meterFactory = null)
    {
        var meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _timeToFeedback = meter.CreateHistogram<double>(
            "feedbackbot.request.time_to_feedback", unit: "s", description: "From a request to each recipient's answer.");
        _nudgesSent = meter.CreateCounter<long>("feedbackbot.nudges.sent", description: "Nudge messages sent (one may list several requests).");
        _expired = meter.CreateCounter<long>("feedbackbot.request.recipients_expired", description: "Recipients who let a request expire.");
    }

    public void RecordTimeToFeedback(TimeSpan elapsed) => _timeToFeedback.Record(elapsed.TotalSeconds);

    public void RecordNudgeSent() => _nudgesSent.Add(1);

    public void RecordExpired(int recipients) => _expired.Add(recipients);
}
