using System.Text.Json.Nodes;
using FeedbackBot.Core.People;
using FeedbackBot.Teams.Activities;
using FeedbackBot.Teams.Addressing;
using FeedbackBot.Teams.Connector;
using FeedbackBot.Teams.Delivery;

namespace FeedbackBot.Teams.Inbound;

/// <summary>
/// One admitted activity as a handler sees it: the activity, who sent it, and replies into its conversation. No
/// handler touches HTTP; replies go through the connector to the activity's own (authenticated) service URL.
/// </summary>
public sealed class TeamsTurn(Activity activity, TeamsConnectorClient connector)
{
    public Activity Activity { get; } = activity;

    /// <summary>The sender as Core knows people, or null when Teams sent no Entra object id or tenant.</summary>
    public PersonRef? Sender { get; } =
        activity.From?.AadObjectId is { Length: > 0 } aad && activity.TenantId is { } tenant ? TeamsAddressBook.Person(tenant, aad) : null;

    /// <summary>Posts <paramref name="card"/> into the activity's conversation (a reply in channels); returns the new activity id.</summary>
    public Task<string> ReplyAsync(JsonObject card, CancellationToken ct) =>
        connector.SendAsync(Activity.ServiceUrl!, Activity.Conversation!.Id!,
            TeamsMessenger.CardActivity(card) with { ReplyToId = Activity.Id }, ct);
}

/// <summary>Handles one activity type (see <see cref="TeamsRoutes"/>).</summary>
public interface ITeamsActivityHandler
{
    Task HandleAsync(TeamsTurn turn, CancellationToken ct);
}

/// <summary>Handles one invoke name; the answer goes into the HTTP response.</summary>
public interface ITeamsInvokeHandler
{
    Task<InvokeResponse> HandleAsync(TeamsTurn turn, CancellationToken ct);
}

/// <summary>Handles one command typed in a message (first word after the bot's mention), with the rest of the text.</summary>
public interface ITeamsCommand
{
    Task HandleAsync(TeamsTurn turn, string arguments, CancellationToken ct);
}
