using FeedbackBot.Core.Ratings;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Ports;
using FeedbackBot.Slack.Blocks;
using FeedbackBot.Slack.Delivery;
using FeedbackBot.Slack.Inbound;

namespace FeedbackBot.Slack.Give;

/// <summary>
/// <c>/feedback inbox</c>: the latest feedback received, as an ephemeral reply only the person sees, each item with a
/// theme button (<see cref="Growth.InboxThemeAction"/>) when growth storage is present.
/// </summary>
public sealed class InboxSubcommand(IFeedbackStore store, IPreferencesStore preferences, Core.Growth.IGrowthStore? growth = null, IValueTagStore? values = null) : IFeedbackSubcommand
{
    private const int InboxSize = 5;

    public async ValueTask<SlackAck> AckAsync(SlashCommand command, FeedbackCommandIntent intent, CancellationToken ct)
    {
        var person = command.Person;
        var items = await store.ListReceivedAsync(person, InboxSize, ct);
        var zone = (await preferences.GetAsync(person, ct)).ResolveTimeZone();
        var record = await Core.Growth.GrowthBook.ReadAsync(growth, person, ct);
        var themesAndCommitments = Growth.GrowthText.Overview(record, zone);
        if (items.Count == 0 && themesAndCommitments.Count == 0)
        {
            return SlackAck.Ephemeral("You haven't received any feedback yet. Ask for some: people are happy to help.");
        }

        var blocks = new JsonArray(Bk.Section(items.Count > 0 ? "*Your latest feedback* (only you can see this)" : "*Your growth* (only you can see this)"));
        if (values is not null && Ratings.ValuesLine.For(await values.ListAsync(person, ct)) is { } line)
        {
            blocks.Add(Bk.Context(line));
        }
        foreach (var item in items)
        {
            blocks.Add(Bk.Divider());
            // With growth storage, each item can be filed under a theme (or a new one) from here.
            blocks.Add(Bk.Section(FeedbackText.Summary(item, zone, fromSide: true), growth is null ? null : Growth.ThemePicker.Button(item, record.Themes)));
        }

        foreach (var block in themesAndCommitments)
        {
            blocks.Add(Bk.Divider());
            blocks.Add(block);
        }

        return SlackAck.Ephemeral("Your latest feedback", blocks);
    }
}
