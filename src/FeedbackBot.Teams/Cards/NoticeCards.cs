using System.Text.Json.Nodes;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Requests;
using FeedbackBot.Teams.Requests;
using FeedbackBot.Teams.Settings;
using FeedbackBot.Teams.Received;

namespace FeedbackBot.Teams.Cards;

/// <summary>
/// Every Core notice as an Adaptive Card 1.5; a new notice without a method here does not compile. People are
/// shown by the display names in <paramref name="names"/> (user text, inert like the rest, see <see cref="Ac"/>);
/// an anonymous notice carries no giver, so no card can name one.
/// <para>
/// Buttons are <c>Action.Execute</c> carrying ids only (<see cref="RequestCards.Buttons"/>): a prompt and each ask in a
/// nudge offer Give / Decline / Snooze, a closed request's summary "Ask someone else", the digest give, skip this
/// week, change day/time and turn off. The handler of each verb re-checks the clicker.
/// </para>
/// </summary>
public sealed class NoticeCards(IReadOnlyDictionary<PersonRef, string> names) : INoticeRenderer<JsonObject>
{
    private const int MaxItems = 10;

    // As Slack's digest: the first five check-ins of the coming week.
    private const int MaxCheckIns = 5;

    /// <summary>The people a notice mentions, whose names the renderer needs.</summary>
    public static IReadOnlyList<PersonRef> PeopleIn(ChatNotice notice) => notice switch
    {
        FeedbackReceivedNotice n => Some(n.From, n.Source?.Author),
        FeedbackSentNotice n => [n.Recipient],
        FeedbackNotDeliveredNotice n => [n.Recipient],
        FeedbackRequestedNotice n => Some(n.Requester, n.Source?.Author),
        NudgeNotice n => n.Pending.Select(p => p.Requester).Distinct().ToArray(),
        RequestAnsweredNotice n => Some(n.AnsweredBy),
        RequestDeclinedNotice n => [n.DeclinedBy],
        Core.Growth.CommitmentCheckInNotice n => Some(n.Giver),
        WeeklyDigestNotice n => n.Latest.Select(e => e.From).Concat(n.Owed.Select(o => (PersonRef?)o.Requester))
            .Append(n.Suggestion?.Person).OfType<PersonRef>().Distinct().ToArray(),
        _ => [],
    };

    public JsonObject Render(FeedbackReceivedNotice notice)
    {
        var kind = notice.Kind == FeedbackKind.Praise ? "praise" : "feedback";
        var body = new List<JsonNode?>
        {
            notice.From is { } giver
                ? Ac.Rich(Ac.Run(Name(giver), strong: true), Ac.Run($" sent you {kind}", strong: true))
                : Ac.Text($"Someone sent you {kind} anonymously", heading: true),
        };
        if (notice.RequestQuestion is { Length: > 0 } question)
        {
            body.Add(Ac.Rich(Ac.Run("You asked: ", subtle: true), Ac.Run(Ac.Cut(question, 500), subtle: true)));
        }

        foreach (var (part, text) in notice.Content.FilledParts())
        {
            body.Add(Ac.Quote(text, notice.Content.Template == FeedbackTemplate.Free ? null : TemplateParts.Label(part)));
        }

        body.AddRange(SourceLines(notice.Source));
        body.Add(GrowthCards.Useful(notice.FeedbackId, rating: null));

        // Thank them / Ask a follow-up (Received/ReceivedActions.cs); the follow-up's field opens under the card;
        // Reflect and "Was it useful?" are the growth loop's (Cards/GrowthCards.cs).
        var feedbackId = new JsonObject { [ThankAction.FeedbackIdKey] = notice.FeedbackId };
        var actions = new JsonArray(
            new JsonObject { ["type"] = "Action.Execute", ["title"] = "Thank them", ["verb"] = ThankAction.Verb, ["data"] = feedbackId.DeepClone() },
            new JsonObject
            {
                ["type"] = "Action.ShowCard",
                ["title"] = "Ask a follow-up",
                ["card"] = new JsonObject
                {
                    ["type"] = "AdaptiveCard",
                    ["body"] = new JsonArray(new JsonObject
                    {
                        ["type"] = "Input.Text",
                        ["id"] = FollowUpAction.QuestionInput,
                        ["label"] = "Your question goes to the person who wrote the feedback. If they stayed anonymous, they still do.",
                        ["isMultiline"] = true,
                        ["maxLength"] = FollowUpAction.MaxQuestion,
                    }),
                    ["actions"] = new JsonArray(new JsonObject
                    {
                        ["type"] = "Action.Execute", ["title"] = "Send question", ["verb"] = FollowUpAction.Verb, ["data"] = feedbackId.DeepClone(),
                    }),
                },
            },
            GrowthCards.ReflectButton(notice.FeedbackId));
        foreach (var link in Links(notice.Source) ?? new JsonArray())
        {
            actions.Add(link!.DeepClone());
        }

        return Ac.Card($"New {kind} for you", body, actions);
    }

    public JsonObject Render(FeedbackSentNotice notice) => Ac.Card("Your feedback was delivered",
    [
        Ac.Rich(Ac.Run("Your feedback reached "), Ac.Run(Name(notice.Recipient), strong: true),
            Ac.Run(notice.Anonymous ? " (anonymously)." : ".")),
    ]);

    public JsonObject Render(FeedbackNotDeliveredNotice notice) => Ac.Card("Your feedback could not be delivered",
    [
        Ac.Rich(Ac.Run("Your feedback for "), Ac.Run(Name(notice.Recipient), strong: true),
            Ac.Run(" could not be delivered: "), Ac.Run(notice.Reason), Ac.Run(". It is still saved.")),
    ]);

    public JsonObject Render(FeedbackRequestedNotice notice)
    {
        var body = new List<JsonNode?>
        {
            Ac.Rich(Ac.Run(Name(notice.Requester), strong: true), Ac.Run(" asks for your feedback", strong: true)),
            Ac.Quote(Ac.Cut(notice.Question, 1000)),
        };
        body.AddRange(SourceLines(notice.Source));
        body.Add(Ac.Text($"Please answer by {Ac.When(notice.DueAt)}.", subtle: true));
        var actions = new JsonArray(RequestCards.Buttons(notice.RequestId));
        if (Ac.OpenUrl("Open the message", notice.Source?.Url) is { } open)
        {
            actions.Add(open);
        }

        return Ac.Card("Someone asks for your feedback", body, actions);
    }

    public JsonObject Render(NudgeNotice notice)
    {
        var count = notice.Pending.Count;
        var body = new List<JsonNode?>
        {
            Ac.Text(count == 1
                ? "A friendly reminder: someone is waiting for your feedback."
                : $"A friendly reminder: {count} people are waiting for your feedback.", heading: true),
        };
        foreach (var owed in notice.Pending.Take(MaxItems))
        {
            // Each ask with its own Give / Decline / Snooze (one row of buttons per ask).
            body.AddRange(RequestCards.OwedItem(owed, Name(owed.Requester)));
        }

        if (count > MaxItems)
        {
            body.Add(Ac.Text($"…and {count - MaxItems} more. Type pending to see them all.", subtle: true));
        }

        return Ac.Card("A reminder about feedback you owe", body);
    }

    public JsonObject Render(RequestAnsweredNotice notice) => Ac.Card("Someone answered your request",
    [
        notice.AnsweredBy is { } who
            ? Ac.Rich(Ac.Run(Name(who), strong: true), Ac.Run(" answered your request "), Ac.Run($"“{Ac.Cut(notice.Question, 200)}”", italic: true))
            : Ac.Rich(Ac.Run("Someone (anonymously)", strong: true), Ac.Run(" answered your request "), Ac.Run($"“{Ac.Cut(notice.Question, 200)}”", italic: true)),
        Ac.Text(Tally(notice.Tally), subtle: true),
    ]);

    public JsonObject Render(RequestDeclinedNotice notice)
    {
        var body = new List<JsonNode?>
        {
            Ac.Rich(Ac.Run(Name(notice.DeclinedBy), strong: true), Ac.Run(" declined your request "), Ac.Run($"“{Ac.Cut(notice.Question, 200)}”", italic: true)),
        };
        if (notice.Reason is { Length: > 0 } reason)
        {
            body.Add(Ac.Quote(Ac.Cut(reason, 1000), "Their reason"));
        }

        body.Add(Ac.Text(Tally(notice.Tally), subtle: true));
        return Ac.Card("Someone declined your request", body);
    }

    public JsonObject Render(RequestNotReachedNotice notice) => Ac.Card("Your request did not reach someone",
    [
        Ac.Rich(Ac.Run("I couldn't ask "), Ac.Run(Name(notice.Recipient), strong: true), Ac.Run(" your question "),
            Ac.Run($"“{Ac.Cut(notice.Question, 200)}”", italic: true), Ac.Run(": "), Ac.Run(notice.Reason), Ac.Run(".")),
        Ac.Text("The request stays open: they can still answer it from their pending list.", subtle: true),
    ]);

    public JsonObject Render(Core.Growth.CommitmentCheckInNotice notice) =>
        GrowthCards.CheckIn(notice, notice.Giver is { } giver ? Name(giver) : null);

    public JsonObject Render(RequestSummaryNotice notice)
    {
        var details = new List<string>();
        if (notice.Tally.Declined > 0)
        {
            details.Add($"{notice.Tally.Declined} declined");
        }

        if (notice.Tally.Expired > 0)
        {
            details.Add($"{notice.Tally.Expired} didn't answer in time");
        }

        return Ac.Card("Your request is closed",
        [
            Ac.Rich(Ac.Run("Your request "), Ac.Run($"“{Ac.Cut(notice.Question, 200)}”", italic: true), Ac.Run(" is closed: "), Ac.Run(Tally(notice.Tally))),
            details.Count > 0 ? Ac.Text(string.Join(", ", details) + ".", subtle: true) : null,
        ], new JsonArray(Ac.Execute("Ask someone else", RequestOpenAction.Verb, RequestCards.Id(notice.RequestId))));
    }

    public JsonObject Render(Core.YearInFeedback.YearInFeedbackNotice notice) =>
        Ac.Card($"Your year in feedback, {notice.Year}",
        [
            Ac.Text($"Your year in feedback, {notice.Year}", heading: true),
            Ac.Text($"You gave {notice.Given} and received {notice.Received} pieces of feedback in the last twelve months."),
            notice.Themes is { Count: > 0 } themes ? Ac.Text("Themes that grew: " + string.Join(", ", themes.Take(MaxItems).Select(t => $"{t.Name} ({t.Feedback})"))) : null,
            notice.CommitmentsDone is > 0 ? Ac.Text($"Commitments done: {notice.CommitmentsDone}.") : null,
            notice.Values.Count > 0 ? Ac.Text("Values colleagues recognised in you: " + string.Join(", ", notice.Values.Take(MaxItems).Select(v => $"{v.Value} ×{v.Count}"))) : null,
        ]);

    public JsonObject Render(WeeklyDigestNotice notice)
    {
        var body = new List<JsonNode?> { Ac.Text("Your week in feedback", heading: true) };
        if (notice.NothingNew)
        {
            body.Add(Ac.Text("Nothing new this week. Giving feedback is one message away: type give."));
            return Ac.Card("Your weekly feedback digest", body, DigestActions(notice));
        }

        if (notice.ReceivedCount > 0)
        {
            body.Add(Ac.Text(notice.ReceivedCount == 1 ? "You received 1 piece of feedback." : $"You received {notice.ReceivedCount} pieces of feedback."));
        }
        foreach (var excerpt in notice.Latest.Take(MaxItems))
        {
            body.Add(Ac.Rich(Ac.Run(excerpt.From is { } from ? Name(from) : "Someone (anonymously)", strong: true), Ac.Run(": "), Ac.Run(Ac.Cut(excerpt.Text, 200))));
        }

        if (notice.Owed.Count > 0)
        {
            body.Add(Ac.Text($"You owe {notice.Owed.Count} answer(s):"));
            foreach (var owed in notice.Owed.Take(MaxItems))
            {
                body.Add(Ac.Rich(Ac.Run(Name(owed.Requester), strong: true), Ac.Run(": "), Ac.Run($"“{Ac.Cut(owed.Question, 200)}”", italic: true)));
                // The request's own Give: the give side checks the clicker still owes it and links the answer.
                body.Add(Ac.ActionSet(Ac.Execute("Give feedback", RequestCards.GiveVerb, RequestCards.Id(owed.RequestId))));
            }
        }

        foreach (var waiting in notice.Waiting.Take(MaxItems))
        {
            body.Add(Ac.Rich(Ac.Run("Your request "), Ac.Run($"“{Ac.Cut(waiting.Question, 200)}”", italic: true), Ac.Run($": {Tally(waiting.Tally)}")));
        }

        if (notice.Suggestion is { } suggestion)
        {
            body.Add(Ac.Rich(Ac.Run("Suggestion: ", strong: true), Ac.Run(Name(suggestion.Person), strong: true), Ac.Run(" "), Ac.Run(suggestion.Because)));
        }

        if (notice.DueCheckIns.Count > 0)
        {
            // The person's own commitments (user text: TextRuns), as Slack's digest lists them.
            body.Add(Ac.Text($"🌱 {Core.Growth.GrowthWords.CheckInsThisWeek} ({Core.Growth.GrowthWords.OnlyYouSeeThese})", heading: true));
            foreach (var commitment in notice.DueCheckIns.Take(MaxCheckIns))
            {
                body.Add(Ac.Rich(Ac.Run("• " + Ac.Cut(commitment, 200))));
            }
        }

        if (notice.Usefulness is { } useful)
        {
            // Counts and a reason only: Core's aggregate names no rater and exists only with enough of them.
            body.Add(Ac.Text("📊 " + Core.Growth.GrowthWords.Usefulness(useful), subtle: true));
        }

        if (notice.Streak.Weeks > 0)
        {
            body.Add(Ac.Text($"Streak: {notice.Streak.Weeks} week(s) in a row with feedback given.", subtle: true));
        }

        return Ac.Card("Your weekly feedback digest", body, DigestActions(notice));
    }

    /// <summary>The digest's own buttons, as Slack's: give, skip this week, change day/time, turn off.</summary>
    private static JsonArray DigestActions(WeeklyDigestNotice notice) => new(
        Ac.Execute("Give feedback", RequestCards.GiveVerb),
        Ac.Execute("Snooze this week", DigestSnoozeAction.Verb, new JsonObject { ["week"] = notice.WeekKey }),
        Ac.Execute("Change day/time", SettingsOpenAction.Verb),
        Ac.Execute("Turn off", DigestOffAction.Verb));

    /// <summary>"2 of 3 answered."</summary>
    public static string Tally(RequestTally tally) => $"{tally.Answered} of {tally.Total} answered.";

    private string Name(PersonRef person) => names.TryGetValue(person, out var name) && !string.IsNullOrWhiteSpace(name) ? name : "A colleague";

    private IEnumerable<JsonNode> SourceLines(SourceLink? source)
    {
        if (source?.Excerpt is { Length: > 0 } excerpt)
        {
            yield return Ac.Rich(Ac.Run("About: ", subtle: true), Ac.Run($"“{Ac.Cut(excerpt, 200)}”", italic: true, subtle: true));
        }
    }

    private static JsonArray? Links(SourceLink? source) =>
        Ac.OpenUrl("Open the message", source?.Url) is { } open ? new JsonArray(open) : null;

    private static PersonRef[] Some(params PersonRef?[] people) => people.OfType<PersonRef>().Distinct().ToArray();
}
