using System.Text.Json.Nodes;
using FeedbackBot.Core.Ports;
using FeedbackBot.Slack.Background;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Slack.Inbound;

/// <summary>
/// A Slack event as durable work: the events endpoint stores it (a Hangfire job in the host) before it answers
/// 200, so an event Slack handed over is handled even if this process dies right after the ack.
/// </summary>
public sealed class SlackEventWork(IServiceProvider services) : IBackgroundWorkHandler
{
    public const string Kind = "slack-event";

    public static string Payload(SlackEvent e) => new JsonObject
    {
        ["team"] = e.TeamId,
        ["eventId"] = e.EventId,
        ["type"] = e.Type,
        ["event"] = e.Event.DeepClone(),
    }.ToJsonString();

    public Task RunAsync(string payload, CancellationToken ct)
    {
        var root = JsonNode.Parse(payload)!.AsObject();
        var slackEvent = new SlackEvent(
            Interaction.Str(root["team"])!, Interaction.Str(root["eventId"])!, Interaction.Str(root["type"])!, root["event"]!.AsObject());
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
