using System.Text.Json.Nodes;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Teams.Addressing;
using FeedbackBot.Teams.Cards;
using FeedbackBot.Teams.Delivery;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Teams.Received;

/// <summary>What a thank-you came to.</summary>
public enum ThankResult
{
    Thanked,
    AlreadyThanked,
    /// <summary>No such feedback, or it was not delivered to the person thanking.</summary>
    NotFound,
    /// <summary>Teams would not take the message to the giver now; the thanks can be tried again.</summary>
    NotReached,
}

/// <summary>
/// Thank-yous and follow-up questions on delivered feedback, for the buttons and for reactions: the reader must
/// be the feedback's recipient, a thank-you goes to the giver once per feedback (the same rule as Slack's
/// <c>ThankAction</c>: the store's item and a once-claim), and the giver learns who thanked or asked; the
/// recipient still never learns who wrote anonymous feedback.
/// </summary>
public sealed class FeedbackThanks(
    IFeedbackStore store,
    IRequestStore requests,
    IOnceStore once,
    TeamsMessenger messenger,
    TeamsAddressBook addresses,
    ILogger<FeedbackThanks> logger,
    Core.Ratings.IRatingStore? ratings = null)
{
    private static readonly TimeSpan ThankOnce = TimeSpan.FromDays(30);

    /// <summary>The feedback <paramref name="feedbackId"/> when <paramref name="reader"/> received it, else null.</summary>
    public async Task<FeedbackItem?> ReceivedAsync(PersonRef reader, string? feedbackId, CancellationToken ct)
    {
        var item = feedbackId is { Length: > 0 and <= 128 } ? await store.GetAsync(feedbackId, ct) : null;
        return item is not null && item.Recipient == reader ? item : null;
    }

    public async Task<ThankResult> ThankAsync(PersonRef by, string? feedbackId, CancellationToken ct)
    {
        if (await ReceivedAsync(by, feedbackId, ct) is not { } item)
        {
            return ThankResult.NotFound;
        }

        // Double clicks, a click and a reaction, replays: one thank-you.
        var key = $"teams:thank:{item.Id}";
        if (!await once.TryClaimAsync(key, ThankOnce, ct))
        {
            return ThankResult.AlreadyThanked;
        }

        var card = Ac.Card("Someone thanked you for your feedback",
        [
            Ac.Rich(Ac.Run("🙏 "), Ac.Run(await NameAsync(item.Recipient, ct), strong: true), Ac.Run(" thanked you for your feedback:")),
            Ac.Quote(Ac.Cut(item.Content.PlainText, 300)),
        ]);
        if (!await TellGiverAsync(item, card, ct))
        {
            await once.ReleaseAsync(key, CancellationToken.None);
            return ThankResult.NotReached;
        }

        return ThankResult.Thanked;
    }

    /// <summary>Relays <paramref name="question"/> to the giver of <paramref name="item"/>; false when Teams would not take it.</summary>
    public async Task<bool> AskAsync(FeedbackItem item, string question, CancellationToken ct)
    {
        var card = Ac.Card("A question about your feedback",
        [
            Ac.Rich(Ac.Run("❓ "), Ac.Run(await NameAsync(item.Recipient, ct), strong: true), Ac.Run(" has a question about your feedback "),
                Ac.Run($"“{Ac.Cut(item.Content.PlainText, 200)}”", italic: true), Ac.Run(":")),
            Ac.Quote(Ac.Cut(question, 1000)),
        ]);
        return await TellGiverAsync(item, card, ct);
    }

    /// <summary>The delivered-feedback card as the recipient saw it, with <paramref name="note"/> (the bot's words) under it.</summary>
    public Task<JsonObject> DeliveredCardAsync(FeedbackItem item, string note, bool thanked, CancellationToken ct) =>
        DeliveredCardAsync(item, Ac.Text(note, subtle: true), thanked, ct);

    /// <summary>
    /// The delivered-feedback card as the recipient sees it now (their "was it useful?" answer included), with
    /// <paramref name="note"/> under it (a block: a note quoting user text is a RichTextBlock).
    /// </summary>
    public async Task<JsonObject> DeliveredCardAsync(FeedbackItem item, JsonObject? note, bool thanked, CancellationToken ct)
    {
        var question = item.RequestId is { } id ? (await requests.GetAsync(id, ct))?.Question : null;
        var card = await messenger.RenderAsync(FeedbackReceivedNotice.For(item, question), ct);
        var body = (JsonArray)card["body"]!;
        if (ratings is not null && await ratings.GetAsync(item.Recipient, item.Id, ct) is { } rating
            && body.FirstOrDefault(b => (string?)b?["id"] == GrowthCards.UsefulContainerId) is { } useful)
        {
            body[body.IndexOf(useful)] = GrowthCards.Useful(item.Id, rating);
        }

        if (note is not null)
        {
            body.Add(note);
        }

        if (thanked && card["actions"] is JsonArray actions)
        {
            foreach (var thank in actions.Where(a => (string?)a?["verb"] == ThankAction.Verb).ToArray())
            {
                actions.Remove(thank);
            }
        }

        return card;
    }

    private async Task<string> NameAsync(PersonRef person, CancellationToken ct) =>
        (await addresses.GetAsync(person, ct))?.Name is { Length: > 0 } name ? name : "A colleague";

    private async Task<bool> TellGiverAsync(FeedbackItem item, JsonObject card, CancellationToken ct)
    {
        try
        {
            await messenger.SendCardAsync(item.Giver, card, ct);
            return true;
        }
        catch (ChatDeliveryException ex)
        {
            logger.LogWarning(ex, "Could not tell the giver of {FeedbackId} in Teams", item.Id);
            return false;
        }
    }
}
