using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Requests;

namespace FeedbackBot.Core.Insights;

/// <summary>A button of the weekly digest, as counted by team insights.</summary>
public enum DigestAction
{
    /// <summary>"Snooze this week".</summary>
    Snooze,
    /// <summary>"Give feedback" from the digest (a suggestion or the general button).</summary>
    Give,
    /// <summary>"Change day/time": the settings.</summary>
    Settings,
    /// <summary>"Turn off".</summary>
    TurnOff,
}

/// <summary>
/// Where Core's use cases report what happened, for k-anonymous team insights (issue 14): who gave and received,
/// who was asked and answered and how fast, nudges and what followed, how given feedback fared with the coach,
/// and digest buttons. Never any text. Best effort by contract: an implementation never throws (a lost count must
/// not fail a give), and the use cases call it only after their own work is durable.
/// </summary>
public interface IInsightsRecorder
{
    /// <summary>A give was stored: one item per recipient, all with the same text.</summary>
    Task FeedbackGivenAsync(IReadOnlyList<FeedbackItem> items, CancellationToken ct);

    /// <summary>A request was stored; every recipient was asked.</summary>
    Task RequestedAsync(FeedbackRequest request, CancellationToken ct);

    /// <summary><paramref name="answerer"/>'s answer to <paramref name="request"/> (as stored after it) was recorded, once.</summary>
    Task AnsweredAsync(FeedbackRequest request, PersonRef answerer, CancellationToken ct);

    /// <summary>A nudge that listed <paramref name="requestId"/> reached <paramref name="person"/> at <paramref name="at"/>.</summary>
    Task NudgedAsync(PersonRef person, string requestId, DateTimeOffset at, CancellationToken ct);

    /// <summary><paramref name="person"/> pressed <paramref name="action"/> on their weekly digest.</summary>
    Task DigestActionAsync(PersonRef person, DigestAction action, CancellationToken ct);
}

/// <summary>Records nothing: the default when insights are not composed (and in tests that do not care).</summary>
public sealed class NoInsightsRecorder : IInsightsRecorder
{
    public static readonly NoInsightsRecorder Instance = new();

    public Task FeedbackGivenAsync(IReadOnlyList<FeedbackItem> items, CancellationToken ct) => Task.CompletedTask;

    public Task RequestedAsync(FeedbackRequest request, CancellationToken ct) => Task.CompletedTask;

    public Task AnsweredAsync(FeedbackRequest request, PersonRef answerer, CancellationToken ct) => Task.CompletedTask;

    public Task NudgedAsync(PersonRef person, string requestId, DateTimeOffset at, CancellationToken ct) => Task.CompletedTask;

    public Task DigestActionAsync(PersonRef person, DigestAction action, CancellationToken ct) => Task.CompletedTask;
}
