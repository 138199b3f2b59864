using System.Globalization;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Growth;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Ratings;
using FeedbackBot.Core.Requests;
using FeedbackBot.Teams.Growth;
using FeedbackBot.Teams.Received;

namespace FeedbackBot.Teams.Cards;

/// <summary>
/// Adaptive Cards 1.5 of the growth loop (issue 13): "Was it useful?" and Reflect on the delivered feedback, the
/// Reflect form, the check-in with its outcome buttons, the ask-the-giver form and the review-prep summary. The
/// sentences are Core's (<see cref="GrowthWords"/>, shared with Slack); user text (commitments, themes, quotes, names,
/// the suggestion's word) goes only into TextRuns and input values, never a TextBlock (see <see cref="Ac"/>). An
/// anonymous giver has no name in any of them: the notices and the review prep carry none.
/// </summary>
public static class GrowthCards
{
    /// <summary>The id of the delivered card's "Was it useful?" container, replaced when the rating changes.</summary>
    public const string UsefulContainerId = "useful";

    public const string CommitmentIdKey = "commitmentId";
    public const string OutcomeKey = "outcome";
    public const string HelpfulKey = "helpful";
    public const string ReasonKey = "reason";
    /// <summary>One-shot id of a form (Reflect, ask the giver): what it does happens once per id, however often it is clicked.</summary>
    public const string OnceKey = "once";

    public const string TextInput = "reflectText";
    public const string ThemeInput = "reflectTheme";
    public const string NewThemeInput = "reflectNewTheme";
    public const string CheckInInput = "reflectCheckIn";
    public const string QuestionInput = "askQuestion";

    /// <summary>The theme select's value for a new theme: this prefix and its name (the suggestion of a theme the person has not got yet).</summary>
    public const string NewThemePrefix = "new:";

    private const int MaxThemesListed = 50;

    // The growth card's themes with their latest items: enough for a person's themes, well inside Teams' 40 KB a message.
    private const int MaxThemesWithItems = 20;

    // As Slack's Home and inbox: the oldest five open commitments, then "…and N more".
    private const int MaxCommitmentsShown = 5;

    /// <summary>The delivered card's Reflect button.</summary>
    public static JsonObject ReflectButton(string feedbackId) =>
        Ac.Execute(GrowthWords.ReflectButton, ReflectOpenAction.Verb, FeedbackData(feedbackId));

    /// <summary>"Was it useful?" with Helpful / Not really; once rated, what was noted and the reasons to toggle (✓ on picked ones).</summary>
    public static JsonObject Useful(string feedbackId, UsefulRating? rating)
    {
        var items = new JsonArray();
        if (rating is null)
        {
            items.Add(Ac.Text(GrowthWords.UsefulQuestion, subtle: true));
            items.Add(Ac.ActionSet(Rate(feedbackId, helpful: true), Rate(feedbackId, helpful: false)));
        }
        else if (rating.Helpful)
        {
            items.Add(Ac.Text("👍 " + GrowthWords.NotedHelpful(), subtle: true));
            items.Add(Ac.ActionSet([.. GrowthWords.Reasons.Select(r =>
            {
                var picked = rating.Reasons.Contains(r);
                var data = FeedbackData(feedbackId);
                data[ReasonKey] = r.ToString();
                return Ac.Execute((picked ? "✓ " : "") + UsefulRating.Label(r), UsefulReasonAction.Verb, data, primary: picked);
            })]));
            items.Add(Ac.ActionSet(Rate(feedbackId, helpful: false)));
        }
        else
        {
            items.Add(Ac.Text("👌 " + GrowthWords.NotedNotHelpful(), subtle: true));
            items.Add(Ac.ActionSet(Rate(feedbackId, helpful: true)));
        }

        return new JsonObject { ["type"] = "Container", ["id"] = UsefulContainerId, ["separator"] = true, ["items"] = items };
    }

    /// <summary>What the Reflect form was given back (kept when it comes back with a problem).</summary>
    public sealed record ReflectInput(string Text, string? Theme, string? NewTheme, CheckInChoice CheckIn)
    {
        public static ReflectInput Read(JsonObject data) => new(
            Ac.Str(data, TextInput) ?? "",
            Ac.Str(data, ThemeInput) is { Length: > 0 } t ? t : null,
            Ac.Str(data, NewThemeInput) is { } n && n.Trim().Length > 0 ? n.Trim() : null,
            Enum.TryParse<CheckInChoice>(Ac.Str(data, CheckInInput), out var c) && Enum.IsDefined(c) ? c : GrowthWords.DefaultCheckIn);

        /// <summary>Core's command: the typed new theme first, else the picked theme (a picked suggestion of a new one creates it).</summary>
        public CommitCommand ToCommand(PersonRef person, string feedbackId) => new(
            person, Text, feedbackId,
            NewTheme is null && Theme is { } id && !id.StartsWith(NewThemePrefix, StringComparison.Ordinal) ? id : null,
            NewTheme ?? (Theme is { } s && s.StartsWith(NewThemePrefix, StringComparison.Ordinal) ? s[NewThemePrefix.Length..] : null),
            CheckIn);
    }

    /// <summary>
    /// "What will you try?": the feedback quoted, the text, a theme select (the person's themes, no theme, and a
    /// suggested new one; the suggestion picked, with the word that suggested it), a new theme's name and the check-in.
    /// </summary>
    public static JsonObject ReflectForm(FeedbackItem item, IReadOnlyList<GrowthTheme> themes, ThemeSuggestion? suggestion,
        string onceId, ReflectInput? kept = null, string? problem = null)
    {
        var body = new List<JsonNode?>
        {
            Ac.Text(GrowthWords.ReflectButton, heading: true),
            Ac.Quote(Ac.Cut(item.Content.PlainText, 300), "About"),
        };
        if (problem is not null)
        {
            body.Add(Ac.Rich(Ac.Run("⚠ "), Ac.Run(problem)));
        }

        body.Add(RequestCards.TextInput(TextInput, GrowthWords.ReflectTitle, kept?.Text, GrowthWords.ReflectPlaceholder,
            Commitment.MaxTextLength, multiline: true, required: true));

        var choices = new JsonArray(Choice("No theme", ""));
        foreach (var theme in themes.Take(MaxThemesListed))
        {
            choices.Add(Choice(theme.Name, theme.Id));
        }

        string? suggested = null;
        if (suggestion is not null)
        {
            suggested = suggestion.ExistingThemeId ?? NewThemePrefix + suggestion.Name;
            if (suggestion.ExistingThemeId is null)
            {
                choices.Add(Choice($"{suggestion.Name} (new)", suggested));
            }
        }

        var select = new JsonObject
        {
            ["type"] = "Input.ChoiceSet",
            ["id"] = ThemeInput,
            ["label"] = "Theme",
            ["style"] = "compact",
            ["choices"] = choices,
            ["value"] = kept is not null ? kept.Theme ?? "" : suggested ?? "",
        };
        body.Add(select);
        if (suggestion is not null)
        {
            body.Add(Ac.Rich(Ac.Run(GrowthWords.SuggestedBecause(suggestion), subtle: true)));
        }

        body.Add(RequestCards.TextInput(NewThemeInput, themes.Count > 0 || suggestion is not null ? "…or a new theme" : "Theme", kept?.NewTheme,
            GrowthWords.ThemePlaceholder, GrowthBook.MaxThemeNameLength));
        body.Add(new JsonObject
        {
            ["type"] = "Input.ChoiceSet",
            ["id"] = CheckInInput,
            ["label"] = GrowthWords.CheckInLabel,
            ["style"] = "expanded",
            ["choices"] = new JsonArray([.. GrowthWords.CheckInChoices.Select(c => (JsonNode)Choice(c.Label, c.Choice.ToString()))]),
            ["value"] = (kept?.CheckIn ?? GrowthWords.DefaultCheckIn).ToString(),
        });
        body.Add(Ac.Text(GrowthWords.CheckInHint, subtle: true));

        var data = FeedbackData(item.Id);
        data[OnceKey] = onceId;
        return Ac.Card(GrowthWords.ReflectTitle, body, new JsonArray(
            Ac.Execute("Save", ReflectSaveAction.Verb, data, primary: true),
            Ac.Execute("Cancel", ReflectCancelAction.Verb, FeedbackData(item.Id))));
    }

    /// <summary>
    /// The check-in: "Two weeks ago you planned to “…”. How is it going?" with Going well / Not yet / Ask {giver} how
    /// it looks now (only when the notice names a giver) / Done, each carrying the commitment id only.
    /// </summary>
    public static JsonObject CheckIn(CommitmentCheckInNotice notice, string? giverName)
    {
        var body = new List<JsonNode?>
        {
            Ac.Rich(Ac.Run("🌱 " + GrowthWords.CheckInQuestion(notice, $"“{Ac.Cut(notice.Text, 600)}”"))),
        };
        var actions = new JsonArray(
            Outcome(GrowthWords.GoingWellButton, notice.CommitmentId, CommitmentOutcome.GoingWell, primary: true),
            Outcome(GrowthWords.NotYetButton, notice.CommitmentId, CommitmentOutcome.NotYet));
        if (notice.Giver is not null)
        {
            var name = giverName ?? "them";
            body.Add(Ac.Rich(Ac.Run("It came from feedback by ", subtle: true), Ac.Run(name, strong: true, subtle: true), Ac.Run(".", subtle: true)));
            actions.Add(Ac.Execute($"Ask {Ac.Cut(name, 40)} how it looks now", AskGiverOpenAction.Verb, CommitmentData(notice.CommitmentId)));
        }

        actions.Add(Outcome(GrowthWords.DoneButton, notice.CommitmentId, CommitmentOutcome.Done));
        return Ac.Card("How is it going?", body, actions);
    }

    /// <summary>What an outcome button recorded, in place of the check-in (no buttons left).</summary>
    public static JsonObject OutcomeNoted(Commitment commitment, CommitmentOutcome outcome, string? nextCheckIn)
    {
        var emoji = outcome switch
        {
            CommitmentOutcome.GoingWell => "✨ ",
            CommitmentOutcome.Done => "🎉 ",
            _ => "⏳ ",
        };
        return Ac.Card("Noted", [Ac.Rich(Ac.Run(emoji + GrowthWords.OutcomeNoted(outcome, $"“{Ac.Cut(commitment.Text, 600)}”", nextCheckIn)))]);
    }

    /// <summary>"Ask {giver} how it looks now": the question prefilled (editable), then Ask.</summary>
    public static JsonObject AskGiverForm(Commitment commitment, string giverName, string onceId, string? question = null, string? problem = null)
    {
        var data = CommitmentData(commitment.Id);
        data[OnceKey] = onceId;
        return Ac.Card("Ask how it looks now",
        [
            Ac.Text("Ask how it looks now", heading: true),
            Ac.Rich(Ac.Run(GrowthWords.AskGiverLead(giverName))),
            problem is null ? null : Ac.Rich(Ac.Run("⚠ "), Ac.Run(problem)),
            RequestCards.TextInput(QuestionInput, "Your question", question ?? GrowthBook.AskGiverQuestion(commitment),
                maxLength: RequestFeedback.MaxQuestionLength, multiline: true, required: true),
        ], new JsonArray(Ac.Execute("Ask", AskGiverSendAction.Verb, data, primary: true)));
    }

    /// <summary>A card of one line that may hold user text (a name, a commitment): one inert run.</summary>
    public static JsonObject Line(string fallbackOwnWords, string line) => Ac.Card(fallbackOwnWords, [Ac.Rich(Ac.Run(line))]);

    /// <summary>
    /// The review-prep summary, only for its owner: per theme what people praised and suggested (short quotes; an
    /// anonymous giver shows as "someone"), the commitments with their outcomes, then the requests answered, and
    /// "Ask for fresh feedback before your review". Dates in the person's zone.
    /// </summary>
    public static JsonObject ReviewPrep(ReviewPrep prep, TimeZoneInfo zone, IReadOnlyDictionary<PersonRef, string> names)
    {
        var body = new List<JsonNode?>
        {
            Ac.Text(GrowthWords.ReviewPrepTitle, heading: true),
            Ac.Text($"Since {Day(prep.Since, zone)} · only you can see this", subtle: true),
        };
        if (prep.IsEmpty)
        {
            body.Add(Ac.Text(GrowthWords.ReviewPrepEmpty));
        }

        foreach (var theme in prep.Themes)
        {
            var section = new JsonArray(Ac.Rich(Ac.Run("🧭 " + (theme.Name is { } name ? Ac.Cut(name, 60) : GrowthWords.WithoutTheme), strong: true)));
            AddQuotes(section, "Praised", theme.Praised, zone, names);
            AddQuotes(section, "Suggested", theme.Suggested, zone, names);
            if (theme.Commitments.Count > 0)
            {
                section.Add(Ac.Text("Commitments", subtle: true));
                foreach (var c in theme.Commitments)
                {
                    section.Add(Ac.Rich(Ac.Run($"• {Ac.Cut(c.Text, 200)} — {GrowthWords.Outcome(c.Outcome)}")));
                }
            }

            body.Add(new JsonObject { ["type"] = "Container", ["separator"] = true, ["items"] = section });
        }

        if (prep.RequestsAnswered.Count > 0)
        {
            var section = new JsonArray(Ac.Text("📥 Requests answered", heading: true));
            foreach (var r in prep.RequestsAnswered)
            {
                section.Add(Ac.Rich(Ac.Run($"• “{Ac.Cut(r.Question, 150)}” — {r.Answers} answer{(r.Answers == 1 ? "" : "s")}")));
            }

            body.Add(new JsonObject { ["type"] = "Container", ["separator"] = true, ["items"] = section });
        }

        return Ac.Card("Your review prep (only you can see this)", body,
            new JsonArray(Ac.Execute(GrowthWords.FreshFeedbackButton, FreshFeedbackAction.Verb, primary: true)));
    }

    public static JsonObject FeedbackData(string feedbackId) => new() { [ThankAction.FeedbackIdKey] = feedbackId };

    public static JsonObject CommitmentData(string commitmentId) => new() { [CommitmentIdKey] = commitmentId };

    private static void AddQuotes(JsonArray section, string label, IReadOnlyList<ReviewQuote> quotes, TimeZoneInfo zone, IReadOnlyDictionary<PersonRef, string> names)
    {
        if (quotes.Count == 0)
        {
            return;
        }

        section.Add(Ac.Text(label, subtle: true));
        foreach (var q in quotes)
        {
            section.Add(QuoteLine(q, zone, names));
        }
    }

    // A short quote with who gave it ("someone" when anonymous: the quote carries no giver then) and when.
    private static JsonObject QuoteLine(ReviewQuote q, TimeZoneInfo zone, IReadOnlyDictionary<PersonRef, string> names)
    {
        var who = q.From is { } from ? names.TryGetValue(from, out var n) ? n : "a colleague" : "someone";
        return Ac.Rich(Ac.Run($"“{Ac.Cut(q.Text, BuildReviewPrep.QuoteLength + 20)}”", italic: true), Ac.Run($" — {who}, {Day(q.At, zone)}", subtle: true));
    }

    /// <summary>
    /// <c>growth</c> (Teams has no Home tab): the person's growth as Slack's Home shows it — their themes with how many
    /// items each holds and the latest of them (an anonymous giver is "someone"), their open commitments with theme,
    /// outcome and next check-in in their zone, and how useful recipients found the feedback they gave (Core's
    /// aggregate, only with enough different raters). Only for its owner.
    /// </summary>
    public static JsonObject Overview(GrowthOverview overview, TimeZoneInfo zone, IReadOnlyDictionary<PersonRef, string> names)
    {
        var body = new List<JsonNode?>
        {
            Ac.Text(GrowthWords.YourGrowth, heading: true),
            Ac.Text("Only you can see this.", subtle: true),
        };
        if (overview.IsEmpty)
        {
            body.Add(Ac.Text(GrowthWords.GrowthEmpty));
        }

        if (overview.Themes.Count > 0)
        {
            var section = new JsonArray(Ac.Text("🧭 " + GrowthWords.YourThemes, heading: true));
            foreach (var theme in overview.Themes.Take(MaxThemesWithItems))
            {
                section.Add(Ac.Rich(Ac.Run(Ac.Cut(theme.Name, 60), strong: true), Ac.Run($" ({theme.Count})", subtle: true)));
                foreach (var q in theme.Latest)
                {
                    section.Add(QuoteLine(q, zone, names));
                }
            }

            if (overview.Themes.Count > MaxThemesWithItems)
            {
                section.Add(Ac.Text(GrowthWords.AndMore(overview.Themes.Count - MaxThemesWithItems), subtle: true));
            }

            body.Add(new JsonObject { ["type"] = "Container", ["separator"] = true, ["items"] = section });
        }

        body.Add(OpenCommitments(overview.Open, overview.ThemeOf, zone));
        if (overview.Usefulness is { } useful)
        {
            // Counts and a reason only (the bot's own words): no rater is in the aggregate.
            body.Add(new JsonObject { ["type"] = "Container", ["separator"] = true, ["items"] = new JsonArray(Ac.Text("📊 " + GrowthWords.Usefulness(useful))) });
        }

        return Ac.Card($"{GrowthWords.YourGrowth} (only you can see this)", body);
    }

    /// <summary>
    /// The inbox's growth lines, as Slack's inbox: the themes with their counts and the open commitments (null when
    /// the person has neither).
    /// </summary>
    public static JsonObject? InboxGrowth(GrowthRecord record, TimeZoneInfo zone)
    {
        var open = GrowthOverview.OpenOf(record);
        if (record.Themes.Count == 0 && open.Count == 0)
        {
            return null;
        }

        var items = new JsonArray();
        if (record.Themes.Count > 0)
        {
            items.Add(Ac.Rich(Ac.Run($"🧭 {GrowthWords.YourThemes}: ", strong: true),
                Ac.Run(string.Join(" · ", record.Themes.Take(MaxThemesListed).Select(t => $"{Ac.Cut(t.Name, 60)} ({t.FeedbackIds.Count})")))));
        }

        if (OpenCommitments(open, c => record.Themes.FirstOrDefault(t => t.Id == c.ThemeId)?.Name, zone) is { } list)
        {
            items.Add(list);
        }

        return new JsonObject { ["type"] = "Container", ["separator"] = true, ["items"] = items };
    }

    // "🎯 Open commitments": each "• text (theme) — outcome, check-in Mon 14 Dec" (the date in the person's zone), at
    // most MaxCommitmentsShown and "…and N more"; null when there is none.
    private static JsonObject? OpenCommitments(IReadOnlyList<CommitmentView> open, Func<CommitmentView, string?> themeOf, TimeZoneInfo zone)
    {
        if (open.Count == 0)
        {
            return null;
        }

        var items = new JsonArray(Ac.Text("🎯 " + GrowthWords.OpenCommitments, heading: true));
        foreach (var c in open.Take(MaxCommitmentsShown))
        {
            var runs = new List<JsonObject> { Ac.Run("• " + Ac.Cut(c.Text, 200)) };
            if (themeOf(c) is { } theme)
            {
                runs.Add(Ac.Run($" ({Ac.Cut(theme, 60)})", italic: true));
            }

            runs.Add(Ac.Run(" — " + GrowthWords.Outcome(c.Outcome) + (c.CheckInAt is { } at ? $", check-in {ShortDay(at, zone)}" : ""), subtle: true));
            items.Add(Ac.Rich([.. runs]));
        }

        if (open.Count > MaxCommitmentsShown)
        {
            items.Add(Ac.Text(GrowthWords.AndMore(open.Count - MaxCommitmentsShown), subtle: true));
        }

        return new JsonObject { ["type"] = "Container", ["separator"] = true, ["items"] = items };
    }

    private static string ShortDay(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("ddd d MMM", CultureInfo.InvariantCulture);

    private static string Day(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    private static JsonObject Rate(string feedbackId, bool helpful)
    {
        var data = FeedbackData(feedbackId);
        data[HelpfulKey] = helpful ? UsefulAction.Yes : UsefulAction.No;
        return Ac.Execute(helpful ? "👍 " + GrowthWords.HelpfulButton : GrowthWords.NotHelpfulButton, UsefulAction.Verb, data);
    }

    private static JsonObject Outcome(string title, string commitmentId, CommitmentOutcome outcome, bool primary = false)
    {
        var data = CommitmentData(commitmentId);
        data[OutcomeKey] = outcome.ToString();
        return Ac.Execute(title, CheckInOutcomeAction.Verb, data, primary);
    }

    private static JsonObject Choice(string title, string value) => new() { ["title"] = title, ["value"] = value };
}
