using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.People;

namespace FeedbackBot.Core.Tests.Fakes;

/// <summary>A Slack messenger that records what it was asked to send, and when, and can be told to fail.</summary>
public sealed class RecordingMessenger(TimeProvider time) : IChatMessenger
{
    private readonly Lock _gate = new();

    public Platform Platform => Platform.Slack;

    public List<(PersonRef To, ChatNotice Notice, DateTimeOffset At)> Sent { get; } = [];

    /// <summary>When set and returning an exception, the send throws it instead.</summary>
    public Func<PersonRef, ChatNotice, Exception?>? Fail { get; set; }

    public IEnumerable<T> SentTo<T>(PersonRef to) where T : ChatNotice =>
        Snapshot().Where(s => s.To == to).Select(s => s.Notice).OfType<T>();

    public IReadOnlyList<(PersonRef To, ChatNotice Notice, DateTimeOffset At)> Snapshot()
    {
        lock (_gate) { return Sent.ToArray(); }
    }

    public Task<MessageReceipt> SendAsync(PersonRef to, ChatNotice notice, CancellationToken ct)
    {
        if (Fail?.Invoke(to, notice) is { } ex)
        {
            throw ex;
        }

        lock (_gate) { Sent.Add((to, notice, time.GetUtcNow())); }
        return Task.FromResult(new MessageReceipt("D" + to.UserId, Guid.NewGuid().ToString("N")));
    }
}
