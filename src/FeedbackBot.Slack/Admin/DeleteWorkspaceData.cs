using System.Text.Json.Nodes;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Slack.Api;
using FeedbackBot.Slack.Blocks;
using FeedbackBot.Slack.Give;
using FeedbackBot.Slack.Inbound;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Slack.Admin;

/// <summary>
/// <c>/feedback admin delete-workspace-data</c>: a workspace admin or owner (users.info) gets an ephemeral
/// warning with one danger button, itself behind Slack's confirmation dialog; anyone else is told it is for
/// admins. Nothing is deleted by the command itself: <see cref="DeleteWorkspaceDataAction"/> does it on the click.
/// </summary>
public sealed class DeleteWorkspaceDataSubcommand(WorkspaceAdmins admins, ILogger<DeleteWorkspaceDataSubcommand> logger) : IFeedbackSubcommand
{
    public async ValueTask<SlackAck> AckAsync(SlashCommand command, FeedbackCommandIntent intent, CancellationToken ct)
    {
        if (await DeleteWorkspaceDataAction.RefusalAsync(admins, command.Person, logger, ct) is { } refusal)
        {
            return SlackAck.Ephemeral(refusal);
        }

        var button = Bk.Confirmed(Bk.Button("Delete all workspace data", DeleteWorkspaceDataAction.ActionId, command.TeamId, "danger"),
            "Delete everything?",
            "All feedback, requests, settings and schedules of everyone in this workspace, and FeedbackBot's access to it, are deleted for good.",
            "Delete it all", "Keep it");
        const string text = ":warning: *Delete everything FeedbackBot stored for this workspace?*\n"
            + "This removes all feedback given and received, feedback requests, personal settings, weekly-digest and nudge "
            + "schedules of everyone here, and FeedbackBot's token for this workspace. It cannot be undone; other "
            + "workspaces are not touched. To use FeedbackBot here again afterwards, reinstall it.";
        return SlackAck.Ephemeral(text, new JsonArray(Bk.Section(text), Bk.Actions("admin_delete", button)));
    }
}

/// <summary>
/// The confirmed click: checks again that the clicker is an admin of the very workspace the button names, then
/// deletes the workspace's data (<see cref="IWorkspaceData.EraseAsync"/>) and its token, and replaces the warning
/// with what was done. After the ack (deleting a big workspace takes longer than Slack's 3 seconds).
/// </summary>
public sealed class DeleteWorkspaceDataAction(
    WorkspaceAdmins admins,
    ISlackTokenStore tokens,
    ResponseUrlClient responses,
    ILogger<DeleteWorkspaceDataAction> logger,
    IWorkspaceData? data = null) : IBlockActionHandler
{
    public const string ActionId = "admin_delete_workspace_data";

    public ValueTask<SlackAck> AckAsync(Interaction interaction, BlockAction action, CancellationToken ct) =>
        ValueTask.FromResult(SlackAck.Ok.ThenRun());

    public async Task RunAsync(Interaction interaction, BlockAction action, object? state, CancellationToken ct)
    {
        var person = interaction.Person;
        string reply;
        if (action.Value != interaction.TeamId)
        {
            // A button from another workspace's message (shared channels) must not delete this one, or the reverse.
            reply = "This button belongs to another workspace, so nothing was deleted.";
        }
        else if (await RefusalAsync(admins, person, logger, ct) is { } refusal)
        {
            reply = refusal;
        }
        else if (data is null)
        {
            reply = "This FeedbackBot has no storage to delete from.";
        }
        else
        {
            var removed = await data.EraseAsync(person.Workspace, ct);
            await tokens.ForgetAsync(interaction.TeamId, ct);
            logger.LogWarning("Slack workspace {TeamId}: all data deleted at the request of admin {UserId} ({Removed} keys or entries)",
                interaction.TeamId, interaction.UserId, removed);
            reply = ":white_check_mark: Everything FeedbackBot stored for this workspace is deleted, and its access here is gone. "
                + "Reinstall FeedbackBot to use it here again.";
        }

        // response_url needs no token, so it works after the token is gone.
        await responses.PostAsync(interaction.ResponseUrl, person, GiveText.EphemeralMessage(reply, replaceOriginal: true), ct);
    }

    /// <summary>Null when <paramref name="person"/> is an admin or owner; else what to tell them (escaped).</summary>
    internal static async Task<string?> RefusalAsync(WorkspaceAdmins admins, PersonRef person, ILogger logger, CancellationToken ct)
    {
        try
        {
            return await admins.IsAdminAsync(person, ct)
                ? null
                : "Only workspace admins and owners can delete this workspace's FeedbackBot data.";
        }
        catch (SlackApiException ex)
        {
            logger.LogWarning("Could not check whether {Person} is an admin: {Error}", person, ex.Error);
            return "I couldn't check with Slack that you are a workspace admin, so nothing was deleted. Please try again in a moment.";
        }
    }
}
