using FeedbackBot.Core.People;

namespace FeedbackBot.Core.Ports;

/// <summary>
/// Sign-in links to the web page (issue 14): the chat adapters' <c>web</c> commands ask for one and send it to the
/// person in a private message. A link is single-use, short-lived and bound to the person it was issued for.
/// Absent when the host has no web UI.
/// </summary>
public interface IWebSignInLinks
{
    /// <summary>A fresh sign-in link for <paramref name="person"/> and how long it stays valid.</summary>
    Task<WebSignInLink> IssueAsync(PersonRef person, CancellationToken ct);
}

/// <summary>A sign-in link: the absolute URL (a secret: send it privately, never log it) and its expiry.</summary>
public sealed record WebSignInLink(Uri Url, DateTimeOffset ExpiresAt);
