using System.Text.Json.Nodes;
using FeedbackBot.Core.DataRights;
using FeedbackBot.Slack.Api;
using FeedbackBot.Slack.Blocks;
using FeedbackBot.Slack.Give;
using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Slack.DataRights;

/// <summary><c>/feedback export</c>.</summary>
public sealed record ExportIntent : FeedbackCommandIntent;

/// <summary><c>/feedback delete-my-data</c>.</summary>
public sealed record DeleteMyDataIntent : FeedbackCommandIntent;

/// <summary>The data-rights words of <c>/feedback</c>.</summary>
public static class DataRightsCommandParser
{
    public const string Export = "export";
    public const string DeleteMyData = "delete-my-data";

    public const string Usage =
        "`/feedback export` – a download of everything FeedbackBot stores about you (JSON and Markdown), by DM\n" +
        "`/feedback delete-my-data` – delete what you received, your settings, schedules and ratings (asks first)";

    /// <summary>The intent for <paramref name="word"/> (<see cref="Export"/> or <see cref="DeleteMyData"/>), which takes nothing after it.</summary>
    public static FeedbackCommandIntent Parse(string word, string rest) =>
        rest.Trim().Length > 0
            ? new FeedbackCommandIntent.Invalid($"`/feedback {word}` takes nothing after it.")
            : word == Export ? new ExportIntent() : new DeleteMyDataIntent();
}

/// <summary>
/// <c>/feedback export</c>: acks at once, then DMs a one-time link (<see cref="ExportLinks"/>) that downloads a zip
/// with the JSON and the Markdown export. A link rather than <c>files.uploadV2</c>: it needs no new Slack scope, and
/// the export never becomes a file in Slack's storage that outlives the person's deletion (docs/privacy.md).
/// </summary>
public sealed class ExportSubcommand(ExportLinks links, SlackApiClient api, PrivateReply reply, IOptions<DataRightsOptions> options) : IFeedbackSubcommand
{
    public ValueTask<SlackAck> AckAsync(SlashCommand command, FeedbackCommandIntent intent, CancellationToken ct) =>
        ValueTask.FromResult(SlackAck.Ephemeral(":package: Preparing your export… I'll send you a download link in a DM.").ThenRun());

    public async Task RunAsync(SlashCommand command, FeedbackCommandIntent intent, object? state, CancellationToken ct)
    {
        var who = SlackRequester.Of(command);
        if (await links.CreateAsync(command.Person, ct) is not { } link)
        {
            await reply.TellAsync(who, "Export links aren't set up on this FeedbackBot (its public address, `Web:PublicBaseUrl`, is missing). Ask your admin.", ct);
            return;
        }

        var minutes = (int)options.Value.ExportLinkLifetime.TotalMinutes;
        var text = $":package: *{DataRightsText.ExportReadyTitle}.* {Link(link.Url)}\n" + DataRightsText.ExportContents(minutes);
        await api.SendDmAsync(command.TeamId, command.UserId, DataRightsText.ExportReadyTitle, new JsonArray(Bk.Section(text)), ct);
    }

    // The URL is ours (base from settings, token base64url): no characters that need escaping inside <url|label>.
    private static string Link(string url) => $"<{url}|Download your data>";
}

/// <summary>
/// <c>/feedback delete-my-data</c>: an ephemeral explanation with one danger button behind Slack's confirmation
/// dialog. Nothing is deleted by the command; <see cref="DeleteMyDataAction"/> does it on the click.
/// </summary>
public sealed class DeleteMyDataSubcommand : IFeedbackSubcommand
{
    public const string Explanation = $":warning: *{DataRightsText.DeleteQuestion}*\n"
        + DataRightsText.WhatDeleteRemoves + " `/feedback export` first if you want a copy.";

    public ValueTask<SlackAck> AckAsync(SlashCommand command, FeedbackCommandIntent intent, CancellationToken ct)
    {
        var button = Bk.Confirmed(Bk.Button("Delete my data", DeleteMyDataAction.ActionId, "me", "danger"),
            "Delete your data?", "What you received, your settings, schedules and ratings are deleted for good; what you gave becomes anonymous.",
            "Delete it", "Keep it");
        return ValueTask.FromResult(SlackAck.Ephemeral(Explanation, new JsonArray(Bk.Section(Explanation), Bk.Actions("delete_my_data", button))));
    }
}

/// <summary>
/// The confirmed click: runs Core's <see cref="DeletePersonalData"/> for the clicker (never for anyone named in the
/// payload) and replaces the warning with the outcome. Idempotent, so a double click or a retry is harmless.
/// </summary>
public sealed class DeleteMyDataAction(DeletePersonalData delete, PrivateReply reply, ILogger<DeleteMyDataAction> logger) : IBlockActionHandler
{
    public const string ActionId = "delete_my_data";

    public ValueTask<SlackAck> AckAsync(Interaction interaction, BlockAction action, CancellationToken ct) =>
        ValueTask.FromResult(SlackAck.Ok.ThenRun());

    public async Task RunAsync(Interaction interaction, BlockAction action, object? state, CancellationToken ct)
    {
        var who = SlackRequester.Of(interaction);
        try
        {
            var report = await delete.RunAsync(interaction.Person, ct);
            await reply.TellAsync(who, ":white_check_mark: " + DataRightsText.Deleted(report.Total), ct, replaceOriginal: true);
        }
        catch (AggregateException ex)
        {
            logger.LogError(ex, "Delete-my-data for {Person} did not finish", interaction.Person);
            await reply.TellAsync(who, ":warning: I couldn't delete everything just now. Please run `/feedback delete-my-data` again: it finishes what is left.", ct);
        }
    }
}
