using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Preferences;
using FeedbackBot.Core.Requests;

namespace FeedbackBot.Core.Ports;

/// <summary>
/// Durable storage of feedback items, indexed by recipient and by giver, newest first, with an outbox: every
/// item not yet delivered (or given up on) has a pending-delivery entry with the time it is next due. The entry is
/// written in the same atomic step as the item, so what a giver was told is saved cannot be forgotten by a crash;
/// <see cref="TakeDueDeliveriesAsync"/> is how a sweeper finds what a crash or an outage left behind.
/// </summary>
public interface IFeedbackStore
{
    /// <summary>
    /// Stores new items, their indexes and their pending-delivery entries (due at <paramref name="dueAt"/>) in one
    /// atomic step: after it returns all are durable; if it throws, none or all may be (the caller says "not
    /// saved, try again" only when it knows nothing was saved, see the adapters).
    /// </summary>
    Task SaveAsync(IReadOnlyList<FeedbackItem> items, DateTimeOffset dueAt, CancellationToken ct);

    Task<FeedbackItem?> GetAsync(string id, CancellationToken ct);

    /// <summary>
    /// Records that a send of the item starts now: counts the attempt and keeps the first start time. Returns the
    /// updated item, or null when it does not exist or is no longer pending.
    /// </summary>
    Task<FeedbackItem?> MarkSendingAsync(string id, DateTimeOffset at, CancellationToken ct);

    /// <summary>
    /// Moves an item to <paramref name="status"/> and, for <see cref="DeliveryStatus.Delivered"/> and
    /// <see cref="DeliveryStatus.Failed"/>, removes its pending-delivery entry in the same step. Returns false when
    /// it was already delivered (so a retried delivery knows it must not send again) or does not exist.
    /// </summary>
    Task<bool> SetDeliveryAsync(string id, DeliveryStatus status, DateTimeOffset at, string? error, CancellationToken ct);

    /// <summary>Moves a pending delivery's next due time (a retry after a transient failure).</summary>
    Task RescheduleDeliveryAsync(string id, DateTimeOffset dueAt, CancellationToken ct);

    /// <summary>
    /// Pending deliveries due at or before <paramref name="now"/>, at most <paramref name="max"/>, each pushed
    /// <paramref name="lease"/> into the future as it is taken, so two sweepers (or hosts) calling at once do not
    /// take the same entry and an entry whose run dies comes back after the lease.
    /// </summary>
    Task<IReadOnlyList<string>> TakeDueDeliveriesAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken ct);

    /// <summary>Feedback received by <paramref name="person"/>, newest first, created at or after <paramref name="since"/>.</summary>
    Task<IReadOnlyList<FeedbackItem>> ListReceivedAsync(PersonRef person, int limit, CancellationToken ct, DateTimeOffset? since = null);

    /// <summary>Feedback given by <paramref name="person"/>, newest first.</summary>
    Task<IReadOnlyList<FeedbackItem>> ListSentAsync(PersonRef person, int limit, CancellationToken ct, DateTimeOffset? since = null);
}

/// <summary>Conveniences over <see cref="IFeedbackStore"/>.</summary>
public static class FeedbackStoreExtensions
{
    /// <summary>Stores one item, its delivery due at its creation time (tests and tools).</summary>
    public static Task SaveAsync(this IFeedbackStore store, FeedbackItem item, CancellationToken ct) =>
        store.SaveAsync([item], item.CreatedAt, ct);
}

/// <summary>
/// Durable storage of feedback requests with per-recipient state, with the request's own outbox and each
/// person's nudge schedule. Every write of a request also makes the outbox match
/// <see cref="FeedbackRequest.PendingWork"/> (prompts still owed, a summary owed) in the same atomic step, so a
/// message the bot owes is never only in memory. A request's id names its workspace (<see cref="Ids.New(TimeProvider, WorkspaceRef)"/>),
/// so the request, its indexes, its outbox entries and its recipients' nudge-schedule entries share one
/// cluster slot and one transaction.
/// </summary>
public interface IRequestStore
{
    /// <summary>
    /// Stores a new request, indexes it under its requester and each recipient, queues its owed work (due at
    /// <paramref name="workDueAt"/>) and plans each listed person's next nudge check (kept when an earlier one is
    /// already planned, and the version moves on as in <see cref="PlanNudgeCheckAsync"/>), in one atomic step.
    /// </summary>
    Task SaveAsync(FeedbackRequest request, DateTimeOffset workDueAt, IReadOnlyDictionary<PersonRef, DateTimeOffset> nudgeChecks, CancellationToken ct);

    Task<FeedbackRequest?> GetAsync(string id, CancellationToken ct);

    /// <summary>
    /// Applies <paramref name="change"/> atomically (optimistic concurrency: re-read and re-apply on conflict).
    /// <paramref name="change"/> returns null to leave the request as it is. Returns the stored result, or null
    /// when the request does not exist. Newly owed work enters the outbox due at once; work no longer owed leaves it.
    /// </summary>
    Task<FeedbackRequest?> UpdateAsync(string id, Func<FeedbackRequest, FeedbackRequest?> change, CancellationToken ct);

    /// <summary>Open requests in which <paramref name="recipient"/> is still pending.</summary>
    Task<IReadOnlyList<FeedbackRequest>> ListOwedByAsync(PersonRef recipient, CancellationToken ct);

    /// <summary>Requests <paramref name="requester"/> made that still have someone pending.</summary>
    Task<IReadOnlyList<FeedbackRequest>> ListAskedByAsync(PersonRef requester, CancellationToken ct);

    /// <summary>Moves a queued entry's next due time (a retry after a transient failure); does nothing once it left.</summary>
    Task RescheduleWorkAsync(OutboxEntry entry, DateTimeOffset dueAt, CancellationToken ct);

    /// <summary>
    /// Queued request work due at or before <paramref name="now"/>, at most <paramref name="max"/>, each pushed
    /// <paramref name="lease"/> ahead as it is taken (as <see cref="IFeedbackStore.TakeDueDeliveriesAsync"/>).
    /// </summary>
    Task<IReadOnlyList<OutboxEntry>> TakeDueWorkAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken ct);

    /// <summary>
    /// Plans <paramref name="person"/>'s next nudge check at <paramref name="at"/> (null: none).
    /// <para>
    /// With <paramref name="replacing"/> (the check the caller ran) it replaces that check's entry — unless a plan
    /// from elsewhere (a new request, a snooze) came in meanwhile: then the earlier of the two stays. A taken check
    /// knows its entry by the version it was taken at; one run directly (no version) by its planned instant.
    /// </para>
    /// <para>
    /// Without <paramref name="replacing"/> (a plan from elsewhere) an earlier check already planned stays, and the
    /// entry's version moves on, so a check running right now cannot overwrite this plan with a later one.
    /// </para>
    /// </summary>
    Task PlanNudgeCheckAsync(PersonRef person, DateTimeOffset? at, DueNudgeCheck? replacing, CancellationToken ct);

    /// <summary>The person's planned nudge check, if any (tests and the storage doctor).</summary>
    Task<DateTimeOffset?> GetNudgeCheckAsync(PersonRef person, CancellationToken ct);

    /// <summary>
    /// Nudge checks due at or before <paramref name="now"/>, each pushed <paramref name="lease"/> ahead as it is
    /// taken, atomically: two hosts never take the same check, and a check whose run dies comes back after the lease.
    /// Each comes with the entry's version, for <see cref="PlanNudgeCheckAsync"/>.
    /// </summary>
    Task<IReadOnlyList<DueNudgeCheck>> TakeDueNudgeChecksAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken ct);
}

/// <summary>
/// A person's nudge check: when it was planned, and the schedule entry's version when it was taken from the
/// schedule (null when it runs directly, e.g. from a job of an earlier version).
/// </summary>
public sealed record DueNudgeCheck(PersonRef Person, DateTimeOffset PlannedAt, long? Version = null);

/// <summary>Conveniences over <see cref="IRequestStore"/>.</summary>
public static class RequestStoreConveniences
{
    /// <summary>Stores a request with its work due at its creation time and no nudge checks (tests and tools).</summary>
    public static Task SaveAsync(this IRequestStore store, FeedbackRequest request, CancellationToken ct) =>
        store.SaveAsync(request, request.CreatedAt, new Dictionary<PersonRef, DateTimeOffset>(), ct);
}

/// <summary>Each person's own settings; a person who never saved any gets <see cref="PersonalPreferences.Default"/>.</summary>
public interface IPreferencesStore
{
    Task<PersonalPreferences> GetAsync(PersonRef person, CancellationToken ct);

    Task SaveAsync(PersonRef person, PersonalPreferences preferences, CancellationToken ct);
}

/// <summary>Looks people up on their platform (name, time zone, bot or not, manager).</summary>
public interface IPeopleDirectory
{
    /// <summary>The profile, or null when the platform does not know this person.</summary>
    Task<PersonProfile?> GetProfileAsync(PersonRef person, CancellationToken ct);
}

/// <summary>
/// Remembers that something happened once. Used to make retried events and jobs no-ops
/// (e.g. Slack re-delivers an event with the same event_id).
/// </summary>
public interface IOnceStore
{
    /// <summary>True the first time <paramref name="key"/> is claimed within <paramref name="ttl"/>; false afterwards.</summary>
    Task<bool> TryClaimAsync(string key, TimeSpan ttl, CancellationToken ct);

    /// <summary>Gives a claim back, so that work which failed before doing anything can be tried again.</summary>
    Task ReleaseAsync(string key, CancellationToken ct);

    /// <summary>
    /// Keeps an existing claim for <paramref name="ttl"/> from now. Lets a caller claim briefly while it makes the
    /// work durable, and only then hold the claim for long: a crash in between frees the key for a retry.
    /// </summary>
    Task KeepAsync(string key, TimeSpan ttl, CancellationToken ct);
}

/// <summary>
/// Durable background work for adapters, by kind: the work survives a crash once
/// <see cref="EnqueueAsync"/> returned (a Hangfire job in the host), and runs in any host through the
/// <see cref="IBackgroundWorkHandler"/> registered under its kind.
/// </summary>
public interface IBackgroundWork
{
    /// <summary>Stores <paramref name="payload"/> for the handler of <paramref name="kind"/>; returns once it is durable.</summary>
    Task EnqueueAsync(string kind, string payload, CancellationToken ct);
}

/// <summary>Runs one kind of <see cref="IBackgroundWork"/> (registered as a keyed service under its kind). Must be idempotent.</summary>
public interface IBackgroundWorkHandler
{
    Task RunAsync(string payload, CancellationToken ct);
}

/// <summary>
/// Background work Core asks for. Jobs carry ids, not objects: each run re-reads the store and does nothing
/// when there is nothing left to do.
/// </summary>
public interface IJobScheduler
{
    /// <summary>
    /// Runs <c>DeliverWeeklyDigest.RunAsync(person, weekKey)</c> at or after <paramref name="notBefore"/> (spreads a
    /// workspace's digests to respect its send rate).
    /// </summary>
    void EnqueueWeeklyDigest(PersonRef person, string weekKey, DateTimeOffset notBefore);
}

/// <summary>
/// The fast path of delivery: runs an outbox entry (<see cref="OutboxEntry"/>: a feedback id, a request prompt
/// or summary, a nudge check) soon, in this process, through Core's <c>RunOutboxEntry</c>. Best effort by design —
/// the durable record is the store's entry, and a sweeper re-runs whatever this path drops (a full queue, a
/// crash). Never blocks the caller.
/// </summary>
public interface IDeliveryDispatcher
{
    /// <summary>Asks for <paramref name="entry"/> (a feedback id or an <see cref="OutboxEntry"/> string) to run now; returns at once.</summary>
    void Dispatch(string entry);
}

/// <summary>A person whose weekly digest time has come, and the planned time it was due.</summary>
public sealed record DueReminder(PersonRef Person, DateTimeOffset DueAt);

/// <summary>
/// Each person's next weekly-digest time, kept sorted by time (e.g. a Redis sorted set) so the scheduler only
/// touches people who are due and never scans everyone.
/// </summary>
public interface IReminderSchedule
{
    /// <summary>Sets (or replaces) <paramref name="person"/>'s next time.</summary>
    Task SetNextAsync(PersonRef person, DateTimeOffset at, CancellationToken ct);

    /// <summary>Forgets <paramref name="person"/> (digest turned off).</summary>
    Task RemoveAsync(PersonRef person, CancellationToken ct);

    /// <summary>
    /// Returns up to <paramref name="max"/> entries due at or before <paramref name="now"/>, earliest first, each
    /// pushed <paramref name="lease"/> into the future as it is taken (as
    /// <see cref="IFeedbackStore.TakeDueDeliveriesAsync"/>): two hosts calling at once never receive the same
    /// entry, and an entry whose run dies before <see cref="SetNextAsync"/> moved it to next week comes back after
    /// the lease. Atomic.
    /// </summary>
    Task<IReadOnlyList<DueReminder>> TakeDueAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken ct);
}

/// <summary>
/// Hands out send slots per workspace so a large workspace's messages are spread at a steady rate instead of
/// bursting. Production keeps the slots in storage, shared by every host; a host-local one serves tests.
/// </summary>
public interface ISendPacer
{
    /// <summary>
    /// The instant the next message of <paramref name="workspace"/> may start: <paramref name="now"/>, or later
    /// when earlier slots are still taken. Each call takes one slot, <paramref name="spacing"/> after the last.
    /// </summary>
    Task<DateTimeOffset> NextSlotAsync(WorkspaceRef workspace, DateTimeOffset now, TimeSpan spacing, CancellationToken ct);
}
