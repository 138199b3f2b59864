using FeedbackBot.Core.Requests;
using FeedbackBot.Slack.Give;
using FeedbackBot.Slack.Inbound;

namespace FeedbackBot.Slack.Requests;

/// <summary><c>/feedback pending</c>: what you owe and what you are waiting for, as an ephemeral reply.</summary>
public sealed class PendingSubcommand(PendingOverview pending) : IFeedbackSubcommand
{
    // Two lists of at most 10 (two blocks per owed item) stay well under Slack's 50 blocks per message.
    private const int MaxPerList = 10;

    public async ValueTask<SlackAck> AckAsync(SlashCommand command, FeedbackCommandIntent intent, CancellationToken ct)
    {
        var items = await pending.GetAsync(command.Person, ct);
        return items.IsEmpty
            ? SlackAck.Ephemeral("Nothing pending: you owe no answers and aren't waiting on any. `/feedback request` to ask for some.")
            : SlackAck.Ephemeral("Your pending requests", PendingText.Blocks(items, MaxPerList));
    }
}
