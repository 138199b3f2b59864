using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.People;

namespace FeedbackBot.Core.Messaging;

/// <summary>
/// Something Core wants a person to be told. Adapters render each kind (Block Kit, Adaptive Cards);
/// Core never builds platform markup.
/// </summary>
public abstract record ChatNotice;

/// <summary>
/// Feedback for its recipient. <see cref="From"/> is null when the giver chose to stay anonymous, so no
/// renderer can leak who wrote it.
/// </summary>
public sealed record FeedbackReceivedNotice(
    string FeedbackId,
    PersonRef? From,
    FeedbackContent Content,
    FeedbackKind Kind,
    SourceLink? Source,
    string? RequestQuestion) : ChatNotice
{
    public static FeedbackReceivedNotice For(FeedbackItem item, string? requestQuestion = null) =>
        new(item.Id, item.Anonymous ? null : item.Giver, item.Content, item.Kind, item.Source, requestQuestion);
}

/// <summary>Confirmation to the giver that their feedback reached the recipient.</summary>
public sealed record FeedbackSentNotice(string FeedbackId, PersonRef Recipient, bool Anonymous) : ChatNotice;

/// <summary>Tells the giver their feedback could not be delivered; it stays stored.</summary>
public sealed record FeedbackNotDeliveredNotice(string FeedbackId, PersonRef Recipient, string Reason) : ChatNotice;

/// <summary>Where a message went, so it can be updated later.</summary>
public sealed record MessageReceipt(string ConversationId, string MessageId);

/// <summary>A send that failed. <see cref="Permanent"/> failures (unknown user, app removed) are not retried.</summary>
public sealed class ChatDeliveryException(string message, bool permanent, Exception? inner = null)
    : Exception(message, inner)
{
    public bool Permanent { get; } = permanent;
}

/// <summary>Sends notices to people on one platform.</summary>
public interface IChatMessenger
{
    Platform Platform { get; }

    /// <summary>Sends <paramref name="notice"/> to <paramref name="to"/> in a direct message.</summary>
    /// <exception cref="ChatDeliveryException">The platform refused or could not be reached.</exception>
    Task<MessageReceipt> SendAsync(PersonRef to, ChatNotice notice, CancellationToken ct);
}

/// <summary>Picks the messenger of the recipient's platform.</summary>
public sealed class ChatMessengers(IEnumerable<IChatMessenger> messengers)
{
    private readonly Dictionary<Platform, IChatMessenger> _byPlatform = messengers.ToDictionary(m => m.Platform);

    public Task<MessageReceipt> SendAsync(PersonRef to, ChatNotice notice, CancellationToken ct) =>
        _byPlatform.TryGetValue(to.Platform, out var messenger)
            ? messenger.SendAsync(to, notice, ct)
            : throw new ChatDeliveryException($"No messenger is configured for {to.Platform}.", permanent: true);
}
