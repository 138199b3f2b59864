using System.Text.Json.Nodes;
using FeedbackBot.Core.Requests;
using FeedbackBot.Slack.Api;
using FeedbackBot.Slack.Background;
using FeedbackBot.Slack.Give;
using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Slack.Requests;

/// <summary>What a request ended with: Core's result, or the Slack failure (users.info, DMs) that stopped it.</summary>
public sealed record RequestOutcome(RequestFeedbackResult? Result, Exception? Failure)
{
    public bool Succeeded => Result is { Succeeded: true };
}

/// <summary>
/// Runs request work off the request thread and waits for it only as long as Slack's ack allows (the same
/// pattern as <see cref="GiveService"/>): usually the person sees the result at once; when Slack's users.info
/// is slow the request answers anyway and the outcome follows through <c>later</c>.
/// </summary>
public sealed class RequestService(SlackBackgroundQueue queue, IOptions<SlackTimings> timings)
{
    /// <summary>The result when it came within the ack budget, otherwise null (and <paramref name="later"/> gets it).</summary>
    public Task<T?> WithinBudgetAsync<T>(Func<IServiceProvider, CancellationToken, Task<T>> work,
        Func<IServiceProvider, T, CancellationToken, Task> later) where T : class =>
        queue.RunWithinAsync(work, later, timings.Value.AckBudget);

    /// <summary>Core's request; any failure (a lookup, storage) becomes an outcome the requester is told about.</summary>
    public static async Task<RequestOutcome> RunRequestAsync(IServiceProvider sp, RequestFeedbackCommand command, CancellationToken ct)
    {
        try
        {
            return new RequestOutcome(await sp.GetRequiredService<RequestFeedback>().RequestAsync(command, ct), null);
        }
        catch (Exception ex)
        {
            sp.GetRequiredService<ILogger<RequestService>>().LogError(ex, "Request from {Requester} was not saved", command.Requester);
            return new RequestOutcome(null, ex);
        }
    }

    /// <summary>Refusals that need no lookup (so they can be answered before anything is stored).</summary>
    public static IReadOnlyList<RequestProblem> QuickProblems(RequestFeedbackCommand command)
    {
        var problems = new List<RequestProblem>();
        if (command.Recipients.Count == 0)
        {
            problems.Add(new RequestProblem(RequestProblemCode.NoRecipients));
        }
        else if (command.Recipients.Distinct().Count() > RequestFeedback.MaxRecipients)
        {
            problems.Add(new RequestProblem(RequestProblemCode.TooManyRecipients));
        }
        else if (command.Recipients.Contains(command.Requester))
        {
            problems.Add(new RequestProblem(RequestProblemCode.Self));
        }

        if (string.IsNullOrWhiteSpace(command.Question))
        {
            problems.Add(new RequestProblem(RequestProblemCode.EmptyQuestion));
        }
        else if (command.Question.Trim().Length > RequestFeedback.MaxQuestionLength)
        {
            problems.Add(new RequestProblem(RequestProblemCode.TooLong));
        }

        return problems;
    }

    /// <summary>The requester-facing sentence for an outcome; names come from ids, user text is escaped.</summary>
    public static string Describe(RequestOutcome outcome)
    {
        if (outcome.Failure is not null)
        {
            return ":warning: I couldn't save your request just now, so nobody was asked. Please try again in a moment.";
        }

        var result = outcome.Result!;
        if (!result.Succeeded)
        {
            return "I didn't send your request:\n" + string.Join("\n", result.Problems.Select(p => "• " + ProblemText(p)));
        }

        var request = result.Created!;
        var reached = request.Recipients.Select(r => r.Person).Except(result.NotReached).Select(p => Mrkdwn.Mention(p.UserId)).ToArray();
        var text = reached.Length > 0
            ? $":mailbox_with_mail: I asked {string.Join(", ", reached)} for feedback, due {RequestText.When(request.DueAt)}. I'll tell you as answers come in."
            : ":warning: I saved your request but couldn't reach anyone.";
        if (result.NotReached.Count > 0)
        {
            text += $"\nI couldn't reach {string.Join(", ", result.NotReached.Select(p => Mrkdwn.Mention(p.UserId)))}; they'll see it in `/feedback pending`.";
        }

        return text;
    }

    /// <summary>A problem sentence naming the person by a mention built from their id.</summary>
    public static string ProblemText(RequestProblem problem) => problem switch
    {
        { Code: RequestProblemCode.UnknownPerson, Person: { } p } => $"I couldn't find {Mrkdwn.Mention(p.UserId)} in this workspace.",
        _ => Mrkdwn.Escape(problem.Message),
    };

    /// <summary>
    /// A private answer to someone who clicked: through the message's response_url, or a DM when there is none
    /// (buttons in App Home have no response_url).
    /// </summary>
    public static async Task TellAsync(IServiceProvider sp, Interaction interaction, string escapedText, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(interaction.ResponseUrl))
        {
            await sp.GetRequiredService<ResponseUrlClient>().PostAsync(interaction.ResponseUrl, interaction.Person, GiveService.EphemeralMessage(escapedText), ct);
            return;
        }

        try
        {
            await sp.GetRequiredService<SlackApiClient>().SendDmAsync(interaction.TeamId, interaction.UserId, escapedText, null, ct);
        }
        catch (SlackApiException ex)
        {
            sp.GetRequiredService<ILogger<RequestService>>().LogInformation(ex, "Could not tell {User}", interaction.UserId);
        }
    }

    /// <summary>
    /// Republishes the person's Home tab when they acted from it: Home is a published view, not a live query, so
    /// a declined or snoozed ask would otherwise stay listed with its buttons.
    /// </summary>
    public static async Task RefreshHomeAsync(IServiceProvider sp, Core.People.PersonRef person, bool fromHome, CancellationToken ct)
    {
        if (!fromHome)
        {
            return;
        }

        try
        {
            await sp.GetRequiredService<Home.HomePublisher>().PublishAsync(person, ct);
        }
        catch (SlackApiException ex)
        {
            sp.GetRequiredService<ILogger<RequestService>>().LogInformation(ex, "Home refresh for {Person} failed", person);
        }
    }

    /// <summary>
    /// Why someone may not act on a request, or null when they are a pending recipient. Someone else's request gets
    /// the very words of a missing one: ids arrive in button values and metadata, which a workspace member can
    /// shape, and the answer must not tell them whether a guessed id exists.
    /// </summary>
    public static string? Refusal(FeedbackRequest? request, Core.People.PersonRef person) => request?.RecipientFor(person) switch
    {
        _ when request is null => NotFound,
        null => NotFound,
        { IsOpen: false } => "This request isn't waiting on you any more: you answered or declined it, or it expired.",
        _ => null,
    };

    /// <summary>The one answer for a request id that is missing or not the clicker's.</summary>
    public const string NotFound = "I can't find that request any more.";

    internal static JsonObject Ephemeral(string escapedText) => GiveService.EphemeralMessage(escapedText);
}
