using FeedbackBot.Slack.Inbound;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Slack.Give;

/// <summary>
/// <c>/feedback</c>: parses the text (<see cref="FeedbackCommandParser"/>) and hands the intent to the subcommand
/// registered for its type in SlackRoutes. It is to the subcommands what the endpoint is to handlers, so it
/// resolves them by key; RunAsync gets the same subcommand again, in the scope AfterAck made for it.
/// </summary>
public sealed class FeedbackCommandHandler(IServiceProvider services) : ISlashCommandHandler
{
    public const string Command = "/feedback";

    public async ValueTask<SlackAck> AckAsync(SlashCommand command, CancellationToken ct)
    {
        var intent = FeedbackCommandParser.Parse(command.Text);
        var ack = await Subcommand(intent).AckAsync(command, intent, ct);
        return ack.RunsAfter ? ack.ThenRun(new Routed(intent, ack.State)) : ack;
    }

    public Task RunAsync(SlashCommand command, object? state, CancellationToken ct) =>
        state is Routed routed ? Subcommand(routed.Intent).RunAsync(command, routed.Intent, routed.State, ct) : Task.CompletedTask;

    private IFeedbackSubcommand Subcommand(FeedbackCommandIntent intent) =>
        services.GetRequiredKeyedService<IFeedbackSubcommand>(intent.GetType());

    private sealed record Routed(FeedbackCommandIntent Intent, object? State);
}
