using FeedbackBot.Core.Digest;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Requests;

namespace FeedbackBot.Core.Messaging;

/// <summary>
/// Something Core wants a person to be told. Adapters render each kind (Block Kit, Adaptive Cards);
/// Core never builds platform markup.
/// </summary>
public abstract record ChatNotice
{
    /// <summary>
    /// Double dispatch to the renderer's method for this notice. Every notice type implements it by calling its
    /// own <see cref="INoticeRenderer{T}"/> method, so a notice a platform cannot render is a build error, not a
    /// delivery that fails for good at run time.
    /// </summary>
    public abstract T RenderWith<T>(INoticeRenderer<T> renderer);
}

/// <summary>How one platform shows each kind of <see cref="ChatNotice"/>; one method per notice, all required.</summary>
public interface INoticeRenderer<out T>
{
    T Render(FeedbackReceivedNotice notice);
    T Render(FeedbackSentNotice notice);
    T Render(FeedbackNotDeliveredNotice notice);
    T Render(FeedbackRequestedNotice notice);
    T Render(NudgeNotice notice);
    T Render(RequestAnsweredNotice notice);
    T Render(RequestDeclinedNotice notice);
    T Render(RequestSummaryNotice notice);
    T Render(RequestNotReachedNotice notice);
    T Render(WeeklyDigestNotice notice);
    T Render(Growth.CommitmentCheckInNotice notice);
    T Render(YearInFeedback.YearInFeedbackNotice notice);
}

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
    public override T RenderWith<T>(INoticeRenderer<T> renderer) => renderer.Render(this);

    public static FeedbackReceivedNotice For(FeedbackItem item, string? requestQuestion = null) =>
        new(item.Id, item.Anonymous ? null : item.Giver, item.Content, item.Kind, item.Source, requestQuestion);
}

/// <summary>Confirmation to the giver that their feedback reached the recipient.</summary>
public sealed record FeedbackSentNotice(string FeedbackId, PersonRef Recipient, bool Anonymous) : ChatNotice
{
    public override T RenderWith<T>(INoticeRenderer<T> renderer) => renderer.Render(this);
}

/// <summary>Tells the giver their feedback could not be delivered; it stays stored.</summary>
public sealed record FeedbackNotDeliveredNotice(string FeedbackId, PersonRef Recipient, string Reason) : ChatNotice
{
    public override T RenderWith<T>(INoticeRenderer<T> renderer) => renderer.Render(this);
}

/// <summary>Where a message went, so it can be updated later.</summary>
public sealed record MessageReceipt(string ConversationId, string MessageId);

/// <summary>
/// A send that failed. <see cref="Permanent"/> failures (unknown user, app removed) are not retried.
/// <see cref="MaybeSent"/> says the platform may have acted before the failure (a timeout or a 5xx after the
/// request left): resending blindly could deliver twice, so a retry first asks the platform
/// (<see cref="IChatMessenger.FindSentAsync"/>).
/// </summary>
public sealed class ChatDeliveryException(string message, bool permanent, Exception? inner = null, bool maybeSent = false, bool workspaceGone = false)
    : Exception(message, inner)
{
    public bool Permanent { get; } = permanent || workspaceGone;

    /// <summary>
    /// The app is no longer installed in the recipient's workspace (uninstalled, token revoked): nothing can be sent
    /// there until someone reinstalls it. Work for that workspace that was already running when the uninstall came
    /// ends as a quiet no-op (one information line), not as a failure to report or retry.
    /// </summary>
    public bool WorkspaceGone { get; } = workspaceGone;

    public bool MaybeSent { get; } = maybeSent;
}

/// <summary>Sends notices to people on one platform.</summary>
public interface IChatMessenger
{
    Platform Platform { get; }

    /// <summary>Sends <paramref name="notice"/> to <paramref name="to"/> in a direct message.</summary>
    /// <exception cref="ChatDeliveryException">The platform refused or could not be reached.</exception>
    Task<MessageReceipt> SendAsync(PersonRef to, ChatNotice notice, CancellationToken ct);

    /// <summary>
    /// Like <see cref="SendAsync(PersonRef, ChatNotice, CancellationToken)"/>, but the message carries
    /// <paramref name="deliveryKey"/> invisibly (Slack: message metadata), so <see cref="FindSentAsync"/> can tell
    /// later whether this very message arrived. Used for what must arrive exactly once (delivered feedback).
    /// </summary>
    /// <exception cref="ChatDeliveryException">The platform refused or could not be reached.</exception>
    Task<MessageReceipt> SendAsync(PersonRef to, ChatNotice notice, string deliveryKey, CancellationToken ct);

    /// <summary>
    /// The message sent to <paramref name="to"/> with <paramref name="deliveryKey"/> at or after
    /// <paramref name="since"/>, or null when there is none. Used before resending after an uncertain failure
    /// or a crash mid-send, so the person gets one message, not two.
    /// </summary>
    /// <exception cref="ChatDeliveryException">The platform could not be asked now (try again later).</exception>
    Task<MessageReceipt?> FindSentAsync(PersonRef to, string deliveryKey, DateTimeOffset since, CancellationToken ct);
}

/// <summary>Picks the messenger of the recipient's platform.</summary>
public sealed class ChatMessengers(IEnumerable<IChatMessenger> messengers)
{
    private readonly Dictionary<Platform, IChatMessenger> _byPlatform = messengers.ToDictionary(m => m.Platform);

    public Task<MessageReceipt> SendAsync(PersonRef to, ChatNotice notice, CancellationToken ct) =>
        For(to).SendAsync(to, notice, ct);

    public Task<MessageReceipt> SendAsync(PersonRef to, ChatNotice notice, string deliveryKey, CancellationToken ct) =>
        For(to).SendAsync(to, notice, deliveryKey, ct);

    public Task<MessageReceipt?> FindSentAsync(PersonRef to, string deliveryKey, DateTimeOffset since, CancellationToken ct) =>
        For(to).FindSentAsync(to, deliveryKey, since, ct);

    private IChatMessenger For(PersonRef to) =>
        _byPlatform.TryGetValue(to.Platform, out var messenger)
            ? messenger
            : throw new ChatDeliveryException($"No messenger is configured for {to.Platform}.", permanent: true);
}

/// <summary>
/// Asks a recipient for feedback: who asks, the question, the linked message, and until when. Adapters offer
/// three actions carrying <see cref="RequestId"/>: give feedback, decline (optional reason), snooze one day.
/// </summary>
public sealed record FeedbackRequestedNotice(
    string RequestId,
    PersonRef Requester,
    string Question,
    SourceLink? Source,
    DateTimeOffset DueAt) : ChatNotice
{
    public override T RenderWith<T>(INoticeRenderer<T> renderer) => renderer.Render(this);
}

/// <summary>
/// One reminder listing every request the person still owes (several pending requests fold into one nudge).
/// Each item offers the same actions as <see cref="FeedbackRequestedNotice"/>.
/// </summary>
public sealed record NudgeNotice(IReadOnlyList<OwedRequest> Pending) : ChatNotice
{
    public override T RenderWith<T>(INoticeRenderer<T> renderer) => renderer.Render(this);
}

/// <summary>
/// Tells the requester one asked person answered. <see cref="AnsweredBy"/> is null when the answer was
/// anonymous; <see cref="Tally"/> gives "2 of 3 answered".
/// </summary>
public sealed record RequestAnsweredNotice(
    string RequestId,
    string Question,
    PersonRef? AnsweredBy,
    string FeedbackId,
    RequestTally Tally) : ChatNotice
{
    public override T RenderWith<T>(INoticeRenderer<T> renderer) => renderer.Render(this);
}

/// <summary>Tells the requester one asked person declined, with their reason when they gave one.</summary>
public sealed record RequestDeclinedNotice(
    string RequestId,
    string Question,
    PersonRef DeclinedBy,
    string? Reason,
    RequestTally Tally) : ChatNotice
{
    public override T RenderWith<T>(INoticeRenderer<T> renderer) => renderer.Render(this);
}

/// <summary>Sent once to the requester when nobody is pending any more (all answered, declined or expired).</summary>
public sealed record RequestSummaryNotice(string RequestId, string Question, DateTimeOffset DueAt, RequestTally Tally) : ChatNotice
{
    public override T RenderWith<T>(INoticeRenderer<T> renderer) => renderer.Render(this);
}

/// <summary>
/// Tells the requester that the ask could not reach one recipient (after the last retry, or refused for good);
/// the request stays open for them, and they still see it in their pending list.
/// </summary>
public sealed record RequestNotReachedNotice(string RequestId, string Question, PersonRef Recipient, string Reason) : ChatNotice
{
    public override T RenderWith<T>(INoticeRenderer<T> renderer) => renderer.Render(this);
}

/// <summary>
/// The weekly digest. <see cref="Latest"/> excerpts have no author when the feedback was anonymous.
/// <see cref="NothingNew"/> marks the short variant sent when there is nothing to report and the workspace
/// asked for a digest anyway. <see cref="Usefulness"/> is how useful recipients found the person's feedback this
/// month, present only when enough different recipients rated it (never who rated).
/// </summary>
public sealed record WeeklyDigestNotice(
    string WeekKey,
    int ReceivedCount,
    IReadOnlyList<DigestExcerpt> Latest,
    IReadOnlyList<OwedRequest> Owed,
    IReadOnlyList<WaitingRequest> Waiting,
    DigestSuggestion? Suggestion,
    FeedbackStreak Streak,
    bool NothingNew,
    Ratings.UsefulnessSummary? Usefulness = null) : ChatNotice
{
    public override T RenderWith<T>(INoticeRenderer<T> renderer) => renderer.Render(this);

    /// <summary>The person's commitments whose check-in falls in the coming week (their text only: private to them).</summary>
    public IReadOnlyList<string> DueCheckIns { get; init; } = [];
}
