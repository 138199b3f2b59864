namespace FeedbackBot.Core;

/// <summary>Identifier generation for stored entities.</summary>
public static class Ids
{
    /// <summary>
    /// A new id: a version-7 GUID (time-ordered, so ids sort roughly by creation) in 32 hex digits. Taking the
    /// time from <paramref name="time"/> keeps ids ordered under a fake clock too.
    /// </summary>
    public static string New(TimeProvider time) => Guid.CreateVersion7(time.GetUtcNow()).ToString("N");
}
