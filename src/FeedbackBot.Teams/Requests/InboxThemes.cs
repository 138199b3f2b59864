using System.Text.Json.Nodes;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Growth;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Teams.Activities;
using FeedbackBot.Teams.Addressing;
using FeedbackBot.Teams.Cards;
using FeedbackBot.Teams.Inbound;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Teams.Requests;

/// <summary>
/// The inbox card: the latest received feedback and, when storage keeps growth records, under each item its themes
/// and a <b>Theme…</b> button that unfolds (Action.ShowCard, no round trip) a pick of the person's themes, a field
/// for a new one, the suggestion from the feedback's words with the word that suggested it (never applied unseen),
/// and <b>Save theme</b>.
/// </summary>
public sealed class InboxCards(IFeedbackStore feedback, TeamsAddressBook addresses, Growth.TeamsGrowth teams, IGrowthStore? growth = null)
{
    public const int InboxSize = 5;

    /// <summary>The input ids of one item's theme pick and new-theme field (ids must be unique on the whole card).</summary>
    public static string ThemeInput(string row) => "theme" + row;

    public static string NewThemeInput(string row) => "newTheme" + row;

    /// <summary>Whether themes can be kept here (storage registered the growth store).</summary>
    public bool KeepsThemes => growth is not null;

    /// <summary>The inbox for <paramref name="person"/>; <paramref name="status"/> (may hold user text) goes on top.</summary>
    public async Task<JsonObject> CardAsync(PersonRef person, string? status, CancellationToken ct)
    {
        var items = await feedback.ListReceivedAsync(person, InboxSize, ct);
        var names = await addresses.NamesAsync(items.Where(i => !i.Anonymous).Select(i => i.Giver), ct);
        var record = growth is null ? null : await GrowthBook.ReadAsync(growth, person, ct);
        var themes = record?.Themes;
        var card = RequestCards.Inbox(items, names, themes is null ? null : (item, row) => Row(person, item, row.ToString(System.Globalization.CultureInfo.InvariantCulture), themes));
        var body = card["body"]!.AsArray();
        if (status is not null)
        {
            body.Insert(0, Ac.Rich(Ac.Run(status, strong: true)));
        }

        if (record is not null)
        {
            // As Slack's inbox: the themes and open commitments under the items (dates in the person's zone), and the
            // way to the whole growth card (Teams has no Home tab).
            var zone = record.Commitments.Any(c => c.CheckInAt is not null) ? await teams.ZoneAsync(person, ct) : TimeZoneInfo.Utc;
            if (Cards.GrowthCards.InboxGrowth(record, zone) is { } lines)
            {
                body.Add(lines);
            }

            card["actions"] = new JsonArray(Growth.GrowthView.Button());
        }

        return card;
    }

    private static JsonObject Row(PersonRef person, FeedbackItem item, string row, IReadOnlyList<GrowthTheme> themes)
    {
        var items = new JsonArray();
        var filed = themes.Where(t => t.FeedbackIds.Contains(item.Id)).Select(t => t.Name).ToArray();
        if (filed.Length > 0)
        {
            // Theme names are the person's own text: a TextRun shows them as typed.
            items.Add(Ac.Rich(Ac.Run("Theme: ", subtle: true), Ac.Run(string.Join(", ", filed), subtle: true)));
        }

        var suggestion = ThemeSuggester.Suggest(item.Content.PlainText, themes);
        var form = new JsonArray();
        if (themes.Count > 0)
        {
            var pick = new JsonObject
            {
                ["type"] = "Input.ChoiceSet",
                ["id"] = ThemeInput(row),
                ["label"] = "Theme",
                ["style"] = "compact",
                ["placeholder"] = "Pick a theme",
                ["choices"] = new JsonArray([.. themes.Take(100).Select(t => (JsonNode)new JsonObject { ["title"] = t.Name, ["value"] = t.Id })]),
            };
            if (suggestion?.ExistingThemeId is { } suggested)
            {
                pick["value"] = suggested;
            }

            form.Add(pick);
        }

        form.Add(RequestCards.TextInput(NewThemeInput(row), themes.Count > 0 ? "…or a new theme" : "Theme",
            suggestion is { ExistingThemeId: null } ? suggestion.Name : null, GrowthWords.ThemePlaceholder, GrowthBook.MaxThemeNameLength));
        if (suggestion is not null)
        {
            form.Add(Ac.Rich(Ac.Run(GrowthWords.SuggestedBecause(suggestion), subtle: true)));
        }

        var save = Ac.Execute("Save theme", InboxThemeAction.Verb, CardOwner.Mark(person, new JsonObject { ["f"] = item.Id, ["n"] = row }), primary: true);
        items.Add(Ac.ActionSet(new JsonObject
        {
            ["type"] = "Action.ShowCard",
            ["title"] = filed.Length > 0 ? "Change theme…" : "Theme…",
            ["card"] = new JsonObject { ["type"] = "AdaptiveCard", ["body"] = form, ["actions"] = new JsonArray(save) },
        }));
        return new JsonObject { ["type"] = "Container", ["items"] = items };
    }
}

/// <summary>
/// <b>Save theme</b> under an inbox item: Core's <see cref="GrowthBook.FileUnderThemeAsync"/> for the clicker (a
/// new name wins over a pick, as in Reflect), then the inbox card again in place, saying what happened.
/// </summary>
public sealed class InboxThemeAction(InboxCards inbox, IServiceProvider services) : ITeamsCardAction
{
    public const string Verb = "inbox.theme";

    public async Task<InvokeResponse> HandleAsync(TeamsTurn turn, JsonObject data, CancellationToken ct)
    {
        if (CardOwner.Refusal(turn, data) is { } refusal)
        {
            return refusal;
        }

        var person = turn.Sender!;
        if (!inbox.KeepsThemes)
        {
            return CardActionResponse.Message("Themes aren't kept on this FeedbackBot.");
        }

        var row = Ac.Str(data, "n") ?? "";
        var (theme, problem) = await services.GetRequiredService<GrowthBook>().FileUnderThemeAsync(
            person, Ac.Str(data, "f") ?? "", Ac.Str(data, InboxCards.ThemeInput(row)), Ac.Str(data, InboxCards.NewThemeInput(row)), ct);
        var status = theme is not null
            ? $"Filed under “{theme.Name}”. Only you see your themes."
            : GrowthResult.Describe(problem!.Value) + " Nothing was changed.";
        return CardActionResponse.Card(await inbox.CardAsync(person, status, ct));
    }
}
