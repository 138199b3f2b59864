using FeedbackBot.Teams.Cards;
using FeedbackBot.Teams.Inbound;

namespace FeedbackBot.Teams.Requests;

/// <summary>
/// <c>pending</c>: what you owe (each with Give / Decline / Snooze) and what you wait for. Replied in the
/// conversation it was typed in; typed by @mention in a channel the list would be seen by the channel, so there
/// it goes to the person's 1:1 instead.
/// </summary>
public sealed class PendingCommand(TeamsRequestRunner runner, PrivateCards cards) : ITeamsCommand
{
    public const string Name = "pending";

    public async Task HandleAsync(TeamsTurn turn, string arguments, CancellationToken ct)
    {
        if (turn.Sender is not { } person)
        {
            await turn.ReplyAsync(RequestCards.Notice("I can't tell who you are in Teams."), ct);
            return;
        }

        var items = await runner.PendingCardAsync(person, null, waiting: true, ct);
        await cards.ReplyPrivatelyAsync(turn, person, items, ct);
    }
}

/// <summary>
/// <c>inbox</c>: the latest feedback you received, only to you (in your 1:1 when typed in a channel or group chat),
/// each item with a <b>Theme…</b> row to file it under one of your growth themes or a new one (<see cref="InboxThemeAction"/>),
/// then, as Slack's inbox, your themes and open commitments and the <b>Your growth</b> button.
/// </summary>
public sealed class InboxCommand(InboxCards inbox, PrivateCards cards) : ITeamsCommand
{
    public const string Name = "inbox";

    public Task HandleAsync(TeamsTurn turn, string arguments, CancellationToken ct) =>
        cards.ReplyToSenderAsync(turn, person => inbox.CardAsync(person, null, ct), ct);
}
