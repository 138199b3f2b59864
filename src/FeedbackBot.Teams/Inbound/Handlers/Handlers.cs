using System.Text.RegularExpressions;
using FeedbackBot.Teams.Activities;
using FeedbackBot.Teams.Cards;
using FeedbackBot.Teams.Insights;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Teams.Inbound.Handlers;

/// <summary>
/// <c>installationUpdate</c>: on <c>add</c> (not <c>add-upgrade</c>, which is an app update) the welcome card.
/// The conversation reference was already captured by the endpoint.
/// https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/subscribe-to-conversation-events#install-update-event
/// </summary>
public sealed class InstallationUpdateHandler(InstalledTeams teams) : ITeamsActivityHandler
{
    public const string Add = "add";

    public async Task HandleAsync(TeamsTurn turn, CancellationToken ct)
    {
        // Installed in (or removed from) a team: the teams insights can offer.
        await teams.ObserveAsync(turn.Activity, ct);
        if (turn.Activity.Action == Add)
        {
            await turn.ReplyAsync(HelpCards.Welcome(), ct);
        }
    }
}

/// <summary>
/// <c>conversationUpdate</c>: members added or removed (their references are captured by the endpoint), and the
/// team events that tell which teams the bot is in (bot added or removed, team renamed or deleted).
/// </summary>
public sealed class ConversationUpdateHandler(InstalledTeams teams) : ITeamsActivityHandler
{
    public Task HandleAsync(TeamsTurn turn, CancellationToken ct) => teams.ObserveAsync(turn.Activity, ct);
}

/// <summary>
/// A message: the bot's own <c>&lt;at&gt;</c> mention removed (channels and group chats), then the first word picks
/// the command from <see cref="TeamsRoutes"/>; an unknown word gets the help card. Card submits (messages with a
/// <c>value</c>) will route by their action id here too.
/// </summary>
public sealed partial class MessageHandler(IServiceProvider services, InstalledTeams teams) : ITeamsActivityHandler
{
    public async Task HandleAsync(TeamsTurn turn, CancellationToken ct)
    {
        // A message in a team's channel: the bot is in that team (also for installs from before teams were kept).
        await teams.ObserveAsync(turn.Activity, ct);
        var text = CommandText(turn.Activity);
        var space = text.IndexOfAny([' ', '\n', '\t']);
        var word = (space < 0 ? text : text[..space]).ToLowerInvariant();
        var arguments = space < 0 ? "" : text[(space + 1)..].Trim();
        var command = services.GetKeyedService<ITeamsCommand>(word);
        if (command is not null)
        {
            await command.HandleAsync(turn, arguments, ct);
            return;
        }

        await turn.ReplyAsync(HelpCards.Help(unknown: word.Length == 0 ? null : word), ct);
    }

    /// <summary>
    /// The text without the mention of the bot: Teams puts <c>&lt;at&gt;Name&lt;/at&gt;</c> into <c>text</c> and
    /// a <c>mention</c> entity naming the bot's id; only that mention is removed (others are arguments).
    /// https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/channel-and-group-conversations#retrieve-mentions
    /// </summary>
    public static string CommandText(Activity activity)
    {
        var text = activity.Text ?? "";
        foreach (var entity in activity.Entities ?? [])
        {
            if ((string?)entity["type"] == "mention"
                && (string?)entity["mentioned"]?["id"] == activity.Recipient?.Id
                && (string?)entity["text"] is { Length: > 0 } mention)
            {
                text = text.Replace(mention, " ", StringComparison.Ordinal);
            }
        }

        return Whitespace().Replace(text, " ").Trim();
    }

    [GeneratedRegex(@"[ \t\u00a0]+")]
    private static partial Regex Whitespace();
}

/// <summary><c>help</c>: what the bot can do.</summary>
public sealed class HelpCommand : ITeamsCommand
{
    public const string Name = "help";

    public Task HandleAsync(TeamsTurn turn, string arguments, CancellationToken ct) => turn.ReplyAsync(HelpCards.Help(), ct);
}

/// <summary>The welcome and help cards (the bot's own words only, so plain TextBlocks).</summary>
public static class HelpCards
{
    public static System.Text.Json.Nodes.JsonObject Welcome() => Ac.Card("Welcome to FeedbackBot",
    [
        Ac.Text("Welcome to FeedbackBot", heading: true),
        Ac.Text("I help you give and ask for feedback with the people you work with, privately and on time."),
        .. Commands(),
    ]);

    public static System.Text.Json.Nodes.JsonObject Help(string? unknown = null) => Ac.Card("What FeedbackBot can do",
    [
        unknown is null ? null : Ac.Rich(Ac.Run("I don't know the command "), Ac.Run($"“{Ac.Cut(unknown, 40)}”", italic: true), Ac.Run(" yet.")),
        Ac.Text("Here is what I can do", heading: true),
        .. Commands(),
    ], new System.Text.Json.Nodes.JsonArray(Growth.GrowthView.Button()));

    private static IEnumerable<System.Text.Json.Nodes.JsonNode> Commands() =>
    [
        Ac.Text("- **help**: this list"),
        Ac.Text("- **give @someone what you saw**: quick feedback (the coach may suggest a tweak first); **give** alone opens the form"),
        Ac.Text("- **request @a @b question…**: ask people for feedback (**request** alone opens the form)"),
        Ac.Text("- **inbox**: the latest feedback you received, each with **Theme** to file it under a growth theme (or a new one)"),
        Ac.Text("- **pending**: requests you owe and requests you wait for"),
        Ac.Text("- **growth**: your themes, open commitments and how useful people found your feedback, only for you"),
        Ac.Text("- **review-prep [since]**: a private summary for your review, by theme (default: the last 6 months)"),
        Ac.Text("- **settings**: time zone, working hours, reminders, weekly digest"),
        Ac.Text("- **web**: a sign-in link to your growth page on the web (works once, for 10 minutes)"),
        Ac.Text("- **export**: a download of everything FeedbackBot stores about you (JSON and Markdown), in your private chat"),
        Ac.Text("- **delete-my-data**: delete what you received, your settings, schedules and ratings (asks first)"),
    ];
}
