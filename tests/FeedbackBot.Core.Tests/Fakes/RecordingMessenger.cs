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

    /// <summary>
    /// When set and returning an exception, the message IS sent and then the send throws it: the platform acted
    /// but its answer was lost (a timeout or a 5xx after Slack posted).
    /// </summary>
    public Func<PersonRef, ChatNotice, Exception?>? FailAfterSend { get; set; }

    public IEnumerable<T> SentTo<T>(PersonRef to) where T : ChatNotice =>
        Snapshot().Where(s => s.To == to).Select(s => s.Notice).OfType<T>();

    public IReadOnlyList<(PersonRef To, ChatNotice Notice, DateTimeOffset At)> Snapshot()
    {
        lock (_gate) { return Sent.ToArray(); }
    }

    /// <summary>Delivery keys of the messages sent with one, as a platform's history would show them.</summary>
    public Dictionary<string, MessageReceipt> Keyed { get; } = [];

    public Task<MessageReceipt> SendAsync(PersonRef to, ChatNotice notice, CancellationToken ct) => Send(to, notice, null);

    public Task<MessageReceipt> SendAsync(PersonRef to, ChatNotice notice, string deliveryKey, CancellationToken ct) => Send(to, notice, deliveryKey);

    public Task<MessageReceipt?> FindSentAsync(PersonRef to, string deliveryKey, DateTimeOffset since, CancellationToken ct)
    {
        lock (_gate) { return Task.FromResult(Keyed.GetValueOrDefault(deliveryKey)); }
    }

    private Task<MessageReceipt> Send(PersonRef to, ChatNotice notice, string? deliveryKey)
    {
        if (Fail?.Invoke(to, notice) is { } ex)
        {
            throw ex;
        }

        var receipt = new MessageReceipt("D" + to.UserId, Guid.NewGuid().ToString("N"));
        lock (_gate)
        {
            Sent.Add((to, notice, time.GetUtcNow()));
            if (deliveryKey is not null)
            {
                Keyed[deliveryKey] = receipt;
            }
        }

        if (FailAfterSend?.Invoke(to, notice) is { } lost)
        {
            throw lost;
        }

        return Task.FromResult(receipt);
    }
}
