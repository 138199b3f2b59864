using FeedbackBot.Core.Digest;
using FeedbackBot.Core.Insights;
using FeedbackBot.Slack.Give;
using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Text;
using FeedbackBot.Slack.Views;

namespace FeedbackBot.Slack.Digest;

/// <summary>
/// "Give feedback" in the digest that answers no request: the suggestion to thank someone (the Give modal with
/// them picked) or the general button (an empty form). Buttons for a request someone is waiting on use the
/// request's own <see cref="Requests.RequestGiveAction"/>, which checks the clicker still owes it and links
/// the answer.
/// </summary>
public sealed class DigestGiveAction(ModalOpener modals, IInsightsRecorder? insights = null) : IBlockActionHandler
{
    public const string ActionId = "digest_give";

    /// <summary>Value of the digest's general button: an empty form.</summary>
    public const string Blank = "-";

    public static string ForPerson(DigestSuggestion suggestion) => $"u:{suggestion.Person.UserId}";

    /// <summary>Reads a button value back into a draft; anything malformed gives the empty form.</summary>
    public static GiveDraft Draft(string? value, string clicker) =>
        (value ?? "").Split(':') switch
        {
            ["u", var user] when Mrkdwn.IsUserId(user) && user != clicker => GiveDraft.Empty with { Recipients = [user] },
            _ => GiveDraft.Empty,
        };

    public ValueTask<SlackAck> AckAsync(Interaction interaction, BlockAction action, CancellationToken ct) =>
        ValueTask.FromResult(SlackAck.Ok.ThenRun());

    public async Task RunAsync(Interaction interaction, BlockAction action, object? state, CancellationToken ct)
    {
        // The modal first: its trigger_id lives 3 seconds; the count can wait.
        await modals.OpenAsync(SlackRequester.Of(interaction), interaction.TriggerId, GiveModal.Build(Draft(action.Value, interaction.UserId)), ct);
        await (insights ?? NoInsightsRecorder.Instance).DigestActionAsync(interaction.Person, DigestAction.Give, ct);
    }
}
