using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Teams.Activities;
using FeedbackBot.Teams.Cards;
using FeedbackBot.Teams.Delivery;
using FeedbackBot.Teams.Inbound;
using FeedbackBot.Teams.People;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using static FeedbackBot.Teams.Give.JsonText;

namespace FeedbackBot.Teams.Give;

/// <summary>
/// <c>give</c> (the form) and <c>give @someone text…</c> (the quick give), typed in the 1:1 or after
/// @FeedbackBot in a chat or channel. The people are the message's <c>mention</c> entities (their <c>29:</c> ids;
/// the <c>&lt;at&gt;</c> text is removed from the feedback). Core's checks that need no lookup and the coach answer
/// at once (the coach's tips as a card with <i>Send as is</i> / <i>Edit</i>, as Slack's quick give); the give itself
/// (looking the people up, saving) is durable background work (<see cref="GiveWork"/>), stored before the activity
/// is answered, so an accepted give is never lost; the outcome follows as a card.
/// <para>Cards about a give go to the giver's 1:1, never into a channel or group chat, where others would read them.</para>
/// https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/channel-and-group-conversations#retrieve-mentions
/// </summary>
public sealed partial class GiveCommand(GiveFlow flow, TeamsGiver giver, IBackgroundWork work, TeamsMessenger messenger, IOptions<TeamsOptions> options, ILogger<GiveCommand> logger) : ITeamsCommand
{
    public const string Name = "give";
    public const string UsageText =
        "Type give @someone followed by what you saw, in a chat or channel where they and FeedbackBot are (Teams lets you mention only people in the conversation), or just give for the form.";

    public async Task HandleAsync(TeamsTurn turn, string arguments, CancellationToken ct)
    {
        if (turn.Sender is not { } who)
        {
            await turn.ReplyAsync(GiveCards.Note(GiveFlow.WhoAreYouText), ct);
            return;
        }

        var (to, names, text) = Parse(turn.Activity, arguments, options.Value.Mode == TeamsMode.Anonymous);
        var draft = GiveDraft.FromText(to, text, names, TeamsPeopleResolver.MembersConversation(turn.Activity));
        if (text.Length == 0)
        {
            // give, or give @someone: the form, the people mentioned already in it (looked up where they were mentioned).
            await TellAsync(turn, who, await flow.FormAsync(who, draft, CardButtons.Execute, ct), ct);
            return;
        }

        if (TeamsGiver.Check(draft, who, turn.Activity.From?.Id) is { Count: > 0 } problems)
        {
            await TellAsync(turn, who, GiveCards.Problems(problems.Select(p => p.Message), UsageText), ct);
            return;
        }

        var tips = giver.Tips(draft, turn);
        if (tips.Count > 0)
        {
            await TellAsync(turn, who, GiveCards.Review(draft, tips, await flow.ToNamesAsync(who, draft, ct), CardButtons.Execute), ct);
            return;
        }

        // Once per activity: Teams may deliver the same message again; its id makes the second give a no-op.
        var once = draft with { Id = "activity-" + (turn.Activity.Id ?? GiveDraft.NewId()) };
        if (!await work.TryEnqueueAsync(GiveWork.Kind, GiveWork.Payload(new GiveWorkItem(who.Key, once, turn.Activity.ServiceUrl!)), logger, ct))
        {
            await TellAsync(turn, who, GiveCards.Note(GiveCards.NotSavedText), ct);
        }
    }

    /// <summary>
    /// The mentioned people (not the bot) by <c>29:</c> id with the names Teams showed, and the text without
    /// their <c>&lt;at&gt;</c> tags.
    /// </summary>
    public static (IReadOnlyList<string> To, IReadOnlyDictionary<string, string> Names, string Text) Parse(Activity activity, string arguments, bool anonymous = false)
    {
        var to = new List<string>();
        var names = new Dictionary<string, string>();
        var text = arguments;
        foreach (var entity in activity.Entities ?? [])
        {
            if (Str(entity["type"]) != "mention" || entity["mentioned"] is not JsonObject mentioned
                || Str(mentioned["id"]) is not { } id || id == activity.Recipient?.Id || !TeamsPeopleResolver.IsMemberId(id, anonymous))
            {
                continue;
            }

            // One entity per mention: only that one <at> tag goes, the same name typed later stays text.
            if (Str(entity["text"]) is { Length: > 0 } tag && text.IndexOf(tag, StringComparison.Ordinal) is var at and >= 0)
            {
                text = text[..at] + " " + text[(at + tag.Length)..];
            }

            if (!to.Contains(id))
            {
                to.Add(id);
            }

            if (Str(mentioned["name"]) is { Length: > 0 } name)
            {
                names[id] = name;
            }
        }

        return (to, names, Spaces().Replace(text, " ").Trim());
    }

    /// <summary>To the giver privately: in the 1:1 itself, else their 1:1 (not the channel).</summary>
    private Task TellAsync(TeamsTurn turn, PersonRef who, JsonObject card, CancellationToken ct) =>
        turn.Activity.Conversation?.ConversationType == "personal"
            ? turn.ReplyAsync(card, ct)
            : messenger.SendCardAsync(who, card, ct);

    [GeneratedRegex(@"[ \t\u00a0]+")]
    private static partial Regex Spaces();
}

/// <summary>A quick give waiting to run: the giver's person key, the draft, the service URL of their activity.</summary>
public sealed record GiveWorkItem(string Giver, GiveDraft Draft, string ServiceUrl);

/// <summary>
/// The quick give after the activity was answered (<see cref="IBackgroundWork"/>: a Hangfire job in the host,
/// stored before the 200): the people looked up, Core's give, the outcome to the giver's 1:1. Safe to run twice:
/// the draft's id is claimed once (<see cref="TeamsGiver"/>).
/// </summary>
public sealed class GiveWork(TeamsGiver giver, GiveFlow flow, TeamsMessenger messenger) : IBackgroundWorkHandler
{
    public const string Kind = "teams-give";

    public static string Payload(GiveWorkItem item) => JsonSerializer.Serialize(item, GiveJson.Default.GiveWorkItem);

    public async Task RunAsync(string payload, CancellationToken ct)
    {
        var item = TeamsWork.Read(payload, GiveJson.Default.GiveWorkItem);
        var who = PersonRef.Parse(item.Giver);
        var outcome = await giver.GiveAsync(who, item.Draft, item.ServiceUrl, ct);
        var card = outcome.Problems.Count > 0
            ? GiveCards.Problems(outcome.Problems, GiveCommand.UsageText)
            : GiveCards.Outcome(outcome, await flow.ToNamesAsync(who, item.Draft, ct));
        await messenger.SendCardAsync(who, card, ct);
    }
}

/// <summary>
/// The fallback <see cref="IBackgroundWork"/> when no job system is composed (the Teams adapter on its own): runs
/// the work at once, in its own scope, before the caller goes on. Not deferred, but nothing is lost; the host
/// composes Hangfire's, which stores the work and answers at once.
/// </summary>
public sealed class InlineBackgroundWork(IServiceScopeFactory scopes) : IBackgroundWork
{
    public async Task EnqueueAsync(string kind, string payload, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredKeyedService<IBackgroundWorkHandler>(kind).RunAsync(payload, ct);
    }
}
