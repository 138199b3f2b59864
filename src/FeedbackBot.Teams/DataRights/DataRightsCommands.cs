using System.Text.Json.Nodes;
using FeedbackBot.Core.DataRights;
using FeedbackBot.Core.People;
using FeedbackBot.Teams.Activities;
using FeedbackBot.Teams.Cards;
using FeedbackBot.Teams.Inbound;
using FeedbackBot.Teams.Requests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Teams.DataRights;

/// <summary>
/// <c>export</c>: the same one-time link as Slack's <c>/feedback export</c> (Core's <see cref="ExportLinks"/>, a zip
/// of JSON and Markdown from <c>GET /export/{token}</c>), on a card only the person sees: in their 1:1, also when
/// typed by @mention in a channel or group chat (<see cref="PrivateCards"/>). A link rather than a file: Teams bots
/// can send files only after the person accepts a consent card in the 1:1, and a file there would outlive a later
/// delete-my-data (docs/privacy.md).
/// </summary>
public sealed class ExportCommand(IServiceProvider services, PrivateCards cards, IOptions<DataRightsOptions> options) : ITeamsCommand
{
    public const string Name = "export";

    public async Task HandleAsync(TeamsTurn turn, string arguments, CancellationToken ct)
    {
        if (turn.Sender is not { } person)
        {
            await turn.ReplyAsync(RequestCards.Notice(CardOwner.WhoAreYou), ct);
            return;
        }

        // Storage registers ExportLinks with its link store; a host without storage cannot make links.
        var link = services.GetService<ExportLinks>() is { } links ? await links.CreateAsync(person, ct) : null;
        var card = link is { } made
            ? DataRightsCards.ExportReady(made.Url, (int)options.Value.ExportLinkLifetime.TotalMinutes)
            : RequestCards.Notice(DataRightsText.NoPublicAddress);
        await cards.ReplyPrivatelyAsync(turn, person, card, ct);
    }
}

/// <summary>
/// <c>delete-my-data</c>: a card that explains what goes and asks, with <b>Delete my data</b> and <b>Cancel</b>.
/// Nothing is deleted by the command; <see cref="DeleteMyDataAction"/> does it on the click.
/// </summary>
public sealed class DeleteMyDataCommand(PrivateCards cards) : ITeamsCommand
{
    public const string Name = "delete-my-data";

    public async Task HandleAsync(TeamsTurn turn, string arguments, CancellationToken ct)
    {
        if (turn.Sender is not { } person)
        {
            await turn.ReplyAsync(RequestCards.Notice(CardOwner.WhoAreYou), ct);
            return;
        }

        await cards.ReplyPrivatelyAsync(turn, person, DataRightsCards.Confirm(person), ct);
    }
}

/// <summary>
/// <b>Delete my data</b> on the confirmation card: runs Core's <see cref="DeletePersonalData"/> for the person who
/// clicked (the invoke's sender, never anyone named in the card's data) and replaces the card with the outcome.
/// A card that was made for someone else deletes nothing. Idempotent, so a double click or Teams' retry is harmless.
/// </summary>
public sealed class DeleteMyDataAction(DeletePersonalData delete, ILogger<DeleteMyDataAction> logger) : ITeamsCardAction
{
    public const string Verb = "dataRights.delete";

    public async Task<InvokeResponse> HandleAsync(TeamsTurn turn, JsonObject data, CancellationToken ct)
    {
        if (CardOwner.Refusal(turn, data) is { } refusal)
        {
            return refusal;
        }

        var person = turn.Sender!;
        try
        {
            var report = await delete.RunAsync(person, ct);
            return CardActionResponse.Card(DataRightsCards.Outcome(DataRightsText.Deleted(report.Total)));
        }
        catch (AggregateException ex)
        {
            logger.LogError(ex, "Teams delete-my-data for {Person} did not finish", person);
            return CardActionResponse.Card(DataRightsCards.Confirm(person, DataRightsText.DeleteIncomplete));
        }
    }
}

/// <summary><b>Cancel</b> on the confirmation card: the card says nothing was deleted.</summary>
public sealed class DeleteMyDataCancelAction : ITeamsCardAction
{
    public const string Verb = "dataRights.cancel";

    public Task<InvokeResponse> HandleAsync(TeamsTurn turn, JsonObject data, CancellationToken ct) =>
        Task.FromResult(CardOwner.Refusal(turn, data) ?? CardActionResponse.Card(DataRightsCards.Outcome("Nothing was deleted. Your data stays as it was.")));
}

/// <summary>The export and delete-my-data cards (the bot's own words only; the link is an <c>Action.OpenUrl</c>).</summary>
public static class DataRightsCards
{
    public static JsonObject ExportReady(string url, int minutes) => Ac.Card(DataRightsText.ExportReadyTitle,
        [
            Ac.Text(DataRightsText.ExportReadyTitle, heading: true),
            Ac.Text(DataRightsText.ExportContents(minutes)),
        ],
        new JsonArray(Ac.OpenUrl("Download your data", url)));

    public static JsonObject Confirm(PersonRef person, string? problem = null)
    {
        var data = CardOwner.Mark(person);
        var delete = Ac.Execute("Delete my data", DeleteMyDataAction.Verb, data);
        // Adaptive Cards' destructive style: Teams shows the button in red.
        delete["style"] = "destructive";
        return Ac.Card(DataRightsText.DeleteQuestion,
            [
                problem is null ? null : Ac.Text(problem),
                Ac.Text(DataRightsText.DeleteQuestion, heading: true),
                Ac.Text(DataRightsText.WhatDeleteRemoves + " Type **export** first if you want a copy."),
            ],
            new JsonArray(delete, Ac.Execute("Cancel", DeleteMyDataCancelAction.Verb, (JsonObject)data.DeepClone())));
    }

    public static JsonObject Outcome(string ownWords) => Ac.Card(ownWords, [Ac.Text(ownWords)]);
}
