using System.Text.Json.Nodes;
using FeedbackBot.Core.Ratings;
using FeedbackBot.Slack.Api;
using FeedbackBot.Slack.Blocks;
using FeedbackBot.Slack.Inbound;

namespace FeedbackBot.Slack.Ratings;

/// <summary>
/// "Was it useful?" under delivered feedback: the two buttons, and the ephemeral follow-up with the reasons.
/// Everything here is private to the recipient: the answers go to their own response_url; the giver only ever
/// sees <see cref="UsefulnessSummary"/> in their digest.
/// </summary>
public static class UsefulBlocks
{
    public const string BlockId = "feedback_useful";

    /// <summary>The blocks appended to a delivered feedback DM (value = feedback id).</summary>
    public static IEnumerable<JsonObject> Ask(string feedbackId) =>
    [
        Bk.Context(Core.Growth.GrowthWords.UsefulQuestion),
        Bk.Actions(BlockId,
            Bk.Button(":thumbsup: " + Core.Growth.GrowthWords.HelpfulButton, $"{UsefulAction.ActionId}:{UsefulAction.Yes}", feedbackId),
            Bk.Button(Core.Growth.GrowthWords.NotHelpfulButton, $"{UsefulAction.ActionId}:{UsefulAction.No}", feedbackId)),
    ];

    /// <summary>The ephemeral answer: what was noted, and (for helpful) the reasons to toggle, picked ones marked.</summary>
    public static JsonObject Noted(UsefulRating rating, bool replaceOriginal)
    {
        var text = rating.Helpful
            ? ":thumbsup: " + Core.Growth.GrowthWords.NotedHelpful("*helpful*")
            : ":ok_hand: " + Core.Growth.GrowthWords.NotedNotHelpful("*not really*");
        var blocks = new JsonArray(Bk.Section(text));
        if (rating.Helpful)
        {
            blocks.Add(Bk.Actions("feedback_useful_reasons", [.. Core.Growth.GrowthWords.Reasons.Select(r =>
            {
                var picked = rating.Reasons.Contains(r);
                return Bk.Button((picked ? "✓ " : "") + UsefulRating.Label(r), $"{UsefulReasonAction.ActionId}:{r}", rating.FeedbackId, picked ? "primary" : null);
            })]));
        }

        return new JsonObject
        {
            ["response_type"] = "ephemeral",
            ["replace_original"] = replaceOriginal,
            ["text"] = text,
            ["blocks"] = blocks,
        };
    }
}

/// <summary><c>feedback_useful:yes</c> / <c>feedback_useful:no</c> on a delivered feedback; only its recipient's tap counts.</summary>
public sealed class UsefulAction(RateFeedback rate, ResponseUrlClient responses, PrivateReply reply) : IBlockActionHandler
{
    public const string ActionId = "feedback_useful";
    public const string Yes = "yes";
    public const string No = "no";

    public ValueTask<SlackAck> AckAsync(Interaction interaction, BlockAction action, CancellationToken ct) =>
        ValueTask.FromResult(action.Argument is Yes or No && Core.Ids.IsPlausible(action.Value) ? SlackAck.Ok.ThenRun() : SlackAck.Ok);

    public async Task RunAsync(Interaction interaction, BlockAction action, object? state, CancellationToken ct)
    {
        var rating = await rate.RateAsync(interaction.Person, action.Value!, action.Argument == Yes, ct);
        await UsefulReply.SendAsync(interaction, rating, replaceOriginal: false, responses, reply, ct);
    }
}

/// <summary><c>feedback_useful_reason:{reason}</c> in the ephemeral follow-up: toggles one reason and redraws that message.</summary>
public sealed class UsefulReasonAction(RateFeedback rate, ResponseUrlClient responses, PrivateReply reply) : IBlockActionHandler
{
    public const string ActionId = "feedback_useful_reason";

    public ValueTask<SlackAck> AckAsync(Interaction interaction, BlockAction action, CancellationToken ct) =>
        ValueTask.FromResult(Enum.TryParse<UsefulReason>(action.Argument, out var reason) && Enum.IsDefined(reason) && Core.Ids.IsPlausible(action.Value)
            ? SlackAck.Ok.ThenRun(reason)
            : SlackAck.Ok);

    public async Task RunAsync(Interaction interaction, BlockAction action, object? state, CancellationToken ct)
    {
        var rating = await rate.ToggleReasonAsync(interaction.Person, action.Value!, (UsefulReason)state!, ct);
        await UsefulReply.SendAsync(interaction, rating, replaceOriginal: true, responses, reply, ct);
    }
}

internal static class UsefulReply
{
    public static Task SendAsync(Interaction interaction, UsefulRating? rating, bool replaceOriginal, ResponseUrlClient responses, PrivateReply reply, CancellationToken ct) =>
        rating is null
            ? reply.TellAsync(SlackRequester.Of(interaction), Core.Growth.GrowthWords.OnlyRecipientRates, ct)
            : responses.PostAsync(interaction.ResponseUrl, interaction.Person, UsefulBlocks.Noted(rating, replaceOriginal), ct);
}
