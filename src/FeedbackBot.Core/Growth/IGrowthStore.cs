using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;

namespace FeedbackBot.Core.Growth;

/// <summary>
/// Durable storage of each person's growth themes and commitments, with the check-in schedule: every commitment
/// whose <see cref="Commitment.CheckInAt"/> is set has one schedule entry due then, written in the same atomic step
/// as the commitment, so a planned check-in cannot be forgotten by a crash. A commitment's id names its owner's
/// workspace (<see cref="Ids.New(TimeProvider, WorkspaceRef)"/>), so the commitment, its index and its schedule entry
/// share one cluster slot.
/// </summary>
public interface IGrowthStore
{
    /// <summary>The person's themes, oldest first.</summary>
    Task<IReadOnlyList<GrowthTheme>> ListThemesAsync(PersonRef person, CancellationToken ct);

    /// <summary>Stores (or replaces) one of the person's themes.</summary>
    Task SaveThemeAsync(PersonRef person, GrowthTheme theme, CancellationToken ct);

    /// <summary>Stores a new commitment, indexes it under its owner and plans its check-in, in one atomic step.</summary>
    Task SaveCommitmentAsync(Commitment commitment, CancellationToken ct);

    Task<Commitment?> GetCommitmentAsync(string id, CancellationToken ct);

    /// <summary>
    /// Applies <paramref name="change"/> atomically (re-read and re-apply on conflict; null leaves it as it is) and
    /// makes the schedule follow: a changed <see cref="Commitment.CheckInAt"/> moves the entry, a null one removes it.
    /// Returns the stored result, or null when the commitment does not exist.
    /// </summary>
    Task<Commitment?> UpdateCommitmentAsync(string id, Func<Commitment, Commitment?> change, CancellationToken ct);

    /// <summary>The person's commitments, oldest first.</summary>
    Task<IReadOnlyList<Commitment>> ListCommitmentsAsync(PersonRef person, CancellationToken ct);

    /// <summary>
    /// Commitment ids whose check-in is due at or before <paramref name="now"/>, at most <paramref name="max"/>, each
    /// pushed <paramref name="lease"/> ahead as it is taken: two hosts (or two runs) never take the same one, and one
    /// whose run dies comes back after the lease.
    /// </summary>
    Task<IReadOnlyList<string>> TakeDueCheckInsAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken ct);

    /// <summary>
    /// Sets a commitment's schedule entry directly (null: drops it): a check-in taken too early goes back to its
    /// instant; an entry whose commitment is gone (erased) or has nothing planned is dropped.
    /// </summary>
    Task SetCheckInEntryAsync(string commitmentId, DateTimeOffset? at, CancellationToken ct);

    /// <summary>Removes the person's themes; returns how many keys or entries went. Idempotent.</summary>
    Task<long> EraseThemesAsync(PersonRef person, CancellationToken ct);

    /// <summary>Removes the person's commitments, their index and their check-in schedule entries; returns how many keys or entries went. Idempotent.</summary>
    Task<long> EraseCommitmentsAsync(PersonRef person, CancellationToken ct);
}
