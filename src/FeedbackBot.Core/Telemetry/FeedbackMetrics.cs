using System.Diagnostics.Metrics;
using FeedbackBot.Core.Coaching;
using FeedbackBot.Core.People;

namespace FeedbackBot.Core.Telemetry;

/// <summary>
/// The product's own measurements (System.Diagnostics.Metrics, no package): what was given, delivered, asked,
/// answered, nudged and summarised, and how the chat platforms' APIs answered. The host exports meter
/// <see cref="MeterName"/> on <c>/metrics</c> (Prometheus) and by OTLP; docs/operations.md lists every instrument.
/// <para>
/// Static on purpose: a use case records with one line and no constructor parameter, so adding a measurement
/// never changes a use case's dependencies. Tags are low-cardinality (platform, kind, method, error code): never
/// a person, a workspace, an id or any text, so no series can link a giver to their feedback.
/// </para>
/// </summary>
public static class FeedbackMetrics
{
    public const string MeterName = "FeedbackBot";

    private static readonly Meter Meter = new(MeterName, "1.0");

    private static readonly Counter<long> Given = Count("feedbackbot.feedback.given", "Feedback items stored (one per recipient of a give).");

    private static readonly Counter<long> Delivered = Count("feedbackbot.feedback.delivered", "Feedback items that reached their recipient.");

    private static readonly Counter<long> Failed = Count("feedbackbot.feedback.failed", "Feedback items given up on (the giver was told).");

    private static readonly Counter<long> RequestsOpened = Count("feedbackbot.requests.opened", "Feedback requests stored.");

    private static readonly Counter<long> RequestsAnswered = Count("feedbackbot.requests.answered", "Asked people who answered a request.");

    private static readonly Counter<long> RequestsDeclined = Count("feedbackbot.requests.declined", "Asked people who declined a request.");

    private static readonly Counter<long> RequestsExpired = Count("feedbackbot.requests.expired", "Asked people still pending when their request closed.");

    private static readonly Counter<long> NudgesSent = Count("feedbackbot.nudges.sent", "Nudge messages sent (one may list several requests).");

    private static readonly Counter<long> DigestsSent = Count("feedbackbot.digests.sent", "Weekly digests sent.");

    private static readonly Histogram<double> TimeToFeedback = Meter.CreateHistogram(
        "feedbackbot.request.time_to_feedback", unit: "s", description: "From a request to each answer.",
        advice: new InstrumentAdvice<double>
        {
            // Answers take minutes to days: 1 min, 5 min, 15 min, 1 h, 4 h, 8 h, 1, 2, 3, 5, 7, 14 days.
            HistogramBucketBoundaries = [60, 300, 900, 3_600, 14_400, 28_800, 86_400, 172_800, 259_200, 432_000, 604_800, 1_209_600],
        });

    private static readonly Histogram<double> CoachMetRatio = Meter.CreateHistogram(
        "feedbackbot.coach.criteria_met_ratio", description: "Per coach review: criteria met / criteria that apply (0..1).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0, 0.2, 0.4, 0.6, 0.8, 1] });

    private static readonly Counter<long> ApiErrors = Count("feedbackbot.platform.api.errors", "Chat platform API calls that failed, by platform, method and error code.");

    private static readonly Counter<long> ApiRateLimited = Count("feedbackbot.platform.api.rate_limited", "HTTP 429 answers from a chat platform API, by platform and method (each retry counts).");

    private static Counter<long> Count(string name, string description) => Meter.CreateCounter<long>(name, description: description);

    public static void FeedbackGiven(PersonRef recipient, bool anonymous) =>
        Given.Add(1, PlatformTag(recipient), new("anonymous", anonymous));

    public static void FeedbackDelivered(PersonRef recipient) => Delivered.Add(1, PlatformTag(recipient));

    public static void FeedbackFailed(PersonRef recipient) => Failed.Add(1, PlatformTag(recipient));

    public static void RequestOpened(PersonRef requester) => RequestsOpened.Add(1, PlatformTag(requester));

    public static void RequestAnswered(PersonRef answerer, TimeSpan? elapsed)
    {
        RequestsAnswered.Add(1, PlatformTag(answerer));
        if (elapsed is { } e)
        {
            TimeToFeedback.Record(e.TotalSeconds, PlatformTag(answerer));
        }
    }

    public static void RequestDeclined(PersonRef recipient) => RequestsDeclined.Add(1, PlatformTag(recipient));

    public static void RequestExpired(int recipients) => RequestsExpired.Add(recipients);

    public static void NudgeSent(PersonRef person) => NudgesSent.Add(1, PlatformTag(person));

    public static void DigestSent(PersonRef person) => DigestsSent.Add(1, PlatformTag(person));

    /// <summary>Records one review, unless the draft was empty (nothing to review).</summary>
    public static void CoachReviewed(CoachReport report)
    {
        if (report.NothingToReview)
        {
            return;
        }

        var applicable = report.Criteria.Count(c => c.Result.Verdict != Verdict.NotApplicable);
        if (applicable > 0)
        {
            CoachMetRatio.Record((double)report.Criteria.Count(c => c.Result.Verdict == Verdict.Met) / applicable);
        }
    }

    /// <summary>A failed call; <paramref name="method"/> is the API method or a route without ids (see <see cref="RouteOf"/>).</summary>
    public static void ApiError(string platform, string method, string error) =>
        ApiErrors.Add(1, new("platform", platform), new("method", method), new("error", error));

    public static void ApiRateLimitedAnswer(string platform, string method) =>
        ApiRateLimited.Add(1, new("platform", platform), new("method", method));

    /// <summary>
    /// A path as a low-cardinality method name: every segment that is not a plain word (ids carry digits, colons,
    /// dashes or dots) becomes <c>{id}</c>, e.g. <c>GET v3/conversations/{id}/activities</c>.
    /// </summary>
    public static string RouteOf(string httpMethod, string path) =>
        httpMethod + " " + string.Join('/', path.Split('?')[0].Trim('/').Split('/')
            .Select(s => s.Length > 0 && s.All(char.IsAsciiLetterLower) || s is "v3" ? s : "{id}"));

    private static KeyValuePair<string, object?> PlatformTag(PersonRef person) => new("platform", WorkspaceRef.PlatformName(person.Platform));
}
