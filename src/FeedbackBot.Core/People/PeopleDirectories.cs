using FeedbackBot.Core.Ports;

namespace FeedbackBot.Core.People;

/// <summary>One platform's people lookup; Core's <see cref="IPeopleDirectory"/> routes to it by platform.</summary>
public interface IPlatformPeopleDirectory : IPeopleDirectory
{
    Platform Platform { get; }
}

/// <summary>
/// Core's <see cref="IPeopleDirectory"/> over every configured platform (as <see cref="Messaging.ChatMessengers"/>
/// is for sending). A person on a platform that is not configured is unknown, so the use cases refuse them
/// politely instead of the host failing to start when, say, only Teams is on.
/// </summary>
public sealed class PeopleDirectories(IEnumerable<IPlatformPeopleDirectory> directories) : IPeopleDirectory
{
    private readonly Dictionary<Platform, IPlatformPeopleDirectory> _byPlatform = directories.ToDictionary(d => d.Platform);

    public Task<PersonProfile?> GetProfileAsync(PersonRef person, CancellationToken ct) =>
        _byPlatform.TryGetValue(person.Platform, out var directory)
            ? directory.GetProfileAsync(person, ct)
            : Task.FromResult<PersonProfile?>(null);
}

/// <summary>
/// The platform could not say who a person is right now (timeout, rate limit, outage). Distinct from "no such
/// person" (null profile): use cases refuse politely and store nothing, and no platform exception crosses Core.
/// </summary>
public sealed class PeopleLookupException(string message, Exception? inner = null) : Exception(message, inner);
