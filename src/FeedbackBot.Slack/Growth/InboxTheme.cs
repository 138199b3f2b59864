using System.Text.Json.Nodes;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Growth;
using FeedbackBot.Core.Ports;
using FeedbackBot.Slack.Blocks;
using FeedbackBot.Slack.Home;
using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Text;
using FeedbackBot.Slack.Views;

namespace FeedbackBot.Slack.Growth;

/// <summary>
/// The theme inputs of a modal (Reflect and "file under a theme"): a pick of the person's themes, a field for a new
/// one, and the suggestion from the feedback's words with the word that suggested it, prefilled, never applied unseen.
/// </summary>
public static class ThemePicker
{
    public const string ThemeBlock = "theme";
    public const string ThemeAction = "theme_pick";
    public const string NewThemeBlock = "new_theme";
    public const string NewThemeAction = "new_theme_name";

    public static IEnumerable<JsonObject> Blocks(IReadOnlyList<GrowthTheme> themes, ThemeSuggestion? suggestion)
    {
        var because = suggestion is null ? null : $"Suggested because the feedback mentions “{suggestion.Because}”. Change or clear it as you like.";
        if (themes.Count > 0)
        {
            var options = themes.Take(100).Select(t => Bk.Option(t.Name, t.Id)).ToArray();
            var select = new JsonObject
            {
                ["type"] = "static_select",
                ["action_id"] = ThemeAction,
                ["placeholder"] = Bk.Plain("Pick a theme"),
                ["options"] = new JsonArray([.. options]),
            };
            var picked = Array.FindIndex(options, o => o["value"]!.GetValue<string>() == suggestion?.ExistingThemeId);
            if (picked >= 0)
            {
                select["initial_option"] = options[picked].DeepClone();
            }

            yield return Bk.Input(ThemeBlock, "Theme", select, optional: true, hint: picked >= 0 ? because : null);
        }

        var newTheme = new JsonObject
        {
            ["type"] = "plain_text_input",
            ["action_id"] = NewThemeAction,
            ["max_length"] = GrowthBook.MaxThemeNameLength,
            ["placeholder"] = Bk.Plain("e.g. delegation, speaking up"),
        };
        var suggestNew = suggestion is { ExistingThemeId: null };
        if (suggestNew)
        {
            newTheme["initial_value"] = suggestion!.Name;
        }

        yield return Bk.Input(NewThemeBlock, themes.Count > 0 ? "…or a new theme" : "Theme", newTheme, optional: true, hint: suggestNew ? because : null);
    }

    /// <summary>The picked theme id and the new theme's name, as submitted (null when empty).</summary>
    public static (string? ThemeId, string? NewThemeName) Read(SlackView view) =>
        (view.State[ThemeBlock, ThemeAction]?.SelectedOption, view.State[NewThemeBlock, NewThemeAction]?.Value?.Trim() is { Length: > 0 } name ? name : null);

    /// <summary>The button beside a received item in the inbox and on Home: its theme, or "Theme…" when it has none.</summary>
    public static JsonObject Button(FeedbackItem item, IReadOnlyList<GrowthTheme> themes) =>
        Bk.Button(themes.FirstOrDefault(t => t.FeedbackIds.Contains(item.Id)) is { } filed ? "Theme: " + filed.Name : "Theme…", InboxThemeAction.ActionId, item.Id);
}

/// <summary>
/// "Theme…" beside a received item (<c>/feedback inbox</c>, Home): opens a small modal to file it under one of the
/// person's themes or a new one (issue 13: themes "created on the fly in the Reflect form or from the inbox"). Only
/// the recipient can open it.
/// </summary>
public sealed class InboxThemeAction(IFeedbackStore feedback, GrowthBook growth, ModalOpener modals, PrivateReply reply)
    : OwnFeedbackModalAction(feedback, growth, modals, reply)
{
    public const string ActionId = "feedback_theme";

    protected override JsonObject Modal(Interaction interaction, FeedbackItem item, IReadOnlyList<GrowthTheme> themes, ThemeSuggestion? suggestion) =>
        InboxThemeSubmission.Modal(item, themes, suggestion, fromHome: interaction.View?.Type == "home");
}

/// <summary>
/// A button on a received item (its id as the value) that opens a growth modal about it with the person's themes and
/// the suggestion from its words. Only the recipient can open it; anyone else hears the item is not there.
/// </summary>
public abstract class OwnFeedbackModalAction(IFeedbackStore feedback, GrowthBook growth, ModalOpener modals, PrivateReply reply) : IBlockActionHandler
{
    public ValueTask<SlackAck> AckAsync(Interaction interaction, BlockAction action, CancellationToken ct) =>
        ValueTask.FromResult(Core.Ids.IsPlausible(action.Value) ? SlackAck.Ok.ThenRun(action.Value) : SlackAck.Ok);

    public async Task RunAsync(Interaction interaction, BlockAction action, object? state, CancellationToken ct)
    {
        var who = SlackRequester.Of(interaction);
        if (state is not string feedbackId || await feedback.GetAsync(feedbackId, ct) is not { } item || item.Recipient != interaction.Person)
        {
            await reply.TellAsync(who, "I can't find that feedback any more.", ct);
            return;
        }

        var themes = (await growth.GetAsync(interaction.Person, ct)).Themes;
        var suggestion = await growth.SuggestThemeAsync(interaction.Person, feedbackId, ct);
        await modals.OpenAsync(who, interaction.TriggerId, Modal(interaction, item, themes, suggestion), ct);
    }

    /// <summary>The modal for <paramref name="item"/>, which the clicker received.</summary>
    protected abstract JsonObject Modal(Interaction interaction, FeedbackItem item, IReadOnlyList<GrowthTheme> themes, ThemeSuggestion? suggestion);
}

/// <summary>
/// Submit of the theme modal: checks the choice in the ack, files the item after it (Core's
/// <see cref="GrowthBook.FileUnderThemeAsync"/>), confirms by DM and refreshes Home when it was opened there. Its
/// private_metadata holds the feedback id and where it was opened, never a response_url a crafted payload could choose.
/// </summary>
public sealed class InboxThemeSubmission(IFeedbackStore feedback, GrowthBook growth, PrivateReply reply, HomePublisher home) : IViewSubmissionHandler
{
    public const string CallbackId = "growth_theme";

    public static JsonObject Modal(FeedbackItem item, IReadOnlyList<GrowthTheme> themes, ThemeSuggestion? suggestion, bool fromHome)
    {
        var meta = new JsonObject { ["f"] = item.Id, ["h"] = fromHome ? true : null }.ToJsonString();
        return Bk.Modal(CallbackId, "Theme", [
            Bk.Context($"About: {Mrkdwn.Quote(Mrkdwn.Safe(item.Content.PlainText, 300))}"),
            .. ThemePicker.Blocks(themes, suggestion),
        ], submit: "Save", privateMetadata: meta);
    }

    public async ValueTask<SlackAck> AckAsync(Interaction interaction, SlackView view, CancellationToken ct)
    {
        var meta = MessageRef.ParseObject(view.PrivateMetadata);
        var feedbackId = Interaction.Str(meta?["f"]) is { } f && Core.Ids.IsPlausible(f) ? f : null;
        var fromHome = meta?["h"] is JsonValue h && h.TryGetValue<bool>(out var b) && b;
        var (themeId, newTheme) = ThemePicker.Read(view);
        if (themeId is null && newTheme is null)
        {
            return SlackAck.ViewErrors(new Dictionary<string, string> { [ThemePicker.NewThemeBlock] = GrowthResult.Describe(GrowthProblem.NoTheme) });
        }

        var item = feedbackId is null ? null : await feedback.GetAsync(feedbackId, ct);
        if (item is null || item.Recipient != interaction.Person)
        {
            return SlackAck.ViewErrors(new Dictionary<string, string> { [ThemePicker.NewThemeBlock] = GrowthResult.Describe(GrowthProblem.NotYourFeedback) });
        }

        // Slack sends input text as typed (not escaped): stored as is, escaped once when shown.
        return SlackAck.Ok.ThenRun(new Filing(item.Id, themeId, newTheme, fromHome));
    }

    public async Task RunAsync(Interaction interaction, SlackView view, object? state, CancellationToken ct)
    {
        if (state is not Filing filing)
        {
            return;
        }

        var person = interaction.Person;
        var (theme, problem) = await growth.FileUnderThemeAsync(person, filing.FeedbackId, filing.ThemeId, filing.NewThemeName, ct);
        var text = theme is not null
            ? $":label: Filed under *{Mrkdwn.Safe(theme.Name, GrowthBook.MaxThemeNameLength)}*. Only you see your themes."
            : $":warning: {Mrkdwn.Escape(GrowthResult.Describe(problem!.Value))} Nothing was changed.";
        await reply.TellAsync(SlackRequester.Of(interaction) with { ResponseUrl = null }, text, ct);
        await home.RepublishIfFromHomeAsync(person, filing.FromHome, ct);
    }

    private sealed record Filing(string FeedbackId, string? ThemeId, string? NewThemeName, bool FromHome);
}
