using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;

namespace FeedbackBot.Core.Tests.Fakes;

/// <summary>Holds what Core asked to run, like a job store that never runs anything by itself.</summary>
public sealed class RecordingJobScheduler : IJobScheduler
{
    private readonly Lock _gate = new();

    public List<string> Deliveries { get; } = [];

    public List<(PersonRef Person, DateTimeOffset At)> NudgeChecks { get; } = [];

    public List<(PersonRef Person, string WeekKey, DateTimeOffset NotBefore)> Digests { get; } = [];

    public void EnqueueFeedbackDelivery(string feedbackId)
    {
        lock (_gate) { Deliveries.Add(feedbackId); }
    }

    public void ScheduleNudgeCheck(PersonRef person, DateTimeOffset at)
    {
        lock (_gate) { NudgeChecks.Add((person, at)); }
    }

    public void EnqueueWeeklyDigest(PersonRef person, string weekKey, DateTimeOffset notBefore)
    {
        lock (_gate) { Digests.Add((person, weekKey, notBefore)); }
    }
}
