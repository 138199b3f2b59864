using FeedbackBot.Core.Ports;
using FeedbackBot.Teams.Cards;
using FeedbackBot.Teams.Inbound;
using FeedbackBot.Teams.Requests;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Teams.Web;

/// <summary>
/// <c>web</c>: a sign-in link to the web page, in the 1:1 chat only (typed in a channel, the card goes to the
/// person's private chat, as settings do). The link works once, for 10 minutes.
/// </summary>
public sealed class WebCommand(IServiceProvider services, PrivateCards cards) : ITeamsCommand
{
    public const string Name = "web";

    public async Task HandleAsync(TeamsTurn turn, string arguments, CancellationToken ct)
    {
        if (turn.Sender is not { } person)
        {
            await turn.ReplyAsync(RequestCards.Notice("I can't tell who you are in Teams."), ct);
            return;
        }

        if (services.GetService<IWebSignInLinks>() is not { } links)
        {
            await turn.ReplyAsync(RequestCards.Notice("The web page isn't switched on here."), ct);
            return;
        }

        var link = await links.IssueAsync(person, ct);
        var card = Ac.Card("Your sign-in link to FeedbackBot on the web",
            [
                Ac.Text("Your growth page", heading: true),
                Ac.Text("This link signs you in once, for 10 minutes. Don't share it."),
            ],
            new System.Text.Json.Nodes.JsonArray(Ac.OpenUrl("Open my growth page", link.Url.AbsoluteUri)));
        await cards.ReplyPrivatelyAsync(turn, person, card, ct);
    }
}
