using System.Text.Json;
using FeedbackBot.Core.Ports;
using FeedbackBot.Slack.Background;
using FeedbackBot.Slack.Inbound.Wire;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Slack.Inbound;

/// <summary>
/// A Slack event as durable work: the events endpoint stores it (a Hangfire job in the host) before it answers
/// 200, so an event Slack handed over is handled even if this process dies right after the ack.
/// </summary>
public sealed class SlackEventWork(IServiceProvider services) : IBackgroundWorkHandler
{
    public const string Kind = "slack-event";

    public static string Payload(SlackEvent e) =>
        JsonSerializer.Serialize(new StoredEventWire(e.TeamId, e.EventId, e.Type, e.Event), SlackWireJson.Default.StoredEventWire);

    public Task RunAsync(string payload, CancellationToken ct)
    {
        // Written by Payload above, from an event the endpoint checked: anything else is a bug, and the job fails loudly.
        var stored = JsonSerializer.Deserialize(payload, SlackWireJson.Default.StoredEventWire);
        var slackEvent = stored is { Team: { } team, EventId: { } id, Type: { } type, Event: { } body }
            ? new SlackEvent(team, id, type, body)
            : throw new InvalidOperationException("A stored Slack event lacks its team, id, type or body.");
        return services.GetRequiredKeyedService<ISlackEventHandler>(slackEvent.Type).HandleAsync(slackEvent, ct);
    }
}

/// <summary>
/// The fallback <see cref="IBackgroundWork"/> when no job system is composed (the Slack adapter on its own, its
/// tests): runs the work on the in-memory background queue. Not durable; the host replaces it with Hangfire.
/// </summary>
public sealed class InProcessBackgroundWork(SlackBackgroundQueue queue) : IBackgroundWork
{
    public Task EnqueueAsync(string kind, string payload, CancellationToken ct) =>
        queue.Enqueue((sp, workCt) => sp.GetRequiredKeyedService<IBackgroundWorkHandler>(kind).RunAsync(payload, workCt))
            ? Task.CompletedTask
            : throw new InvalidOperationException("The background queue is full.");
}
