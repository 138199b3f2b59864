using System.ComponentModel.DataAnnotations;

namespace FeedbackBot.Slack.SocketMode;

/// <summary>
/// How the Socket Mode client waits. Defaults in code (not configuration): they follow from Slack's behaviour, and
/// tests shorten them.
/// </summary>
public sealed class SocketModeTimings
{
    /// <summary>How long a new connection may take to say <c>hello</c> before it counts as failed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan HelloTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// First step of the reconnect backoff. Each failed attempt doubles it up to <see cref="ReconnectMaxDelay"/>;
    /// every wait is jittered (half fixed, half random), so many hosts cut off by one Slack outage do not all come
    /// back in the same instant.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan ReconnectBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between reconnect attempts.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A connection that lived this long before it was lost starts the backoff from the beginning again.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan StableAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// WebSocket ping interval; a pong missing for as long again counts as a lost connection. A dead link (a laptop
    /// that slept, a NAT that forgot us) otherwise looks like a quiet one forever.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a clean close waits for Slack's close frame before the socket is dropped.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The clock the waits run on; tests freeze the app's clock, never this one.</summary>
    [Required]
    public TimeProvider Clock { get; set; } = TimeProvider.System;
}
