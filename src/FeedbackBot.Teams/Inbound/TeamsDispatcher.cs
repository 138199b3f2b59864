using FeedbackBot.Teams.Activities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Teams.Inbound;

/// <summary>
/// Picks the handler of an admitted activity from <see cref="TeamsRoutes"/>. Invokes without a handler answer
/// 501, as Bot Framework's ActivityHandler does; other activities without one are acknowledged and ignored
/// (Teams sends many kinds a bot may not care about, e.g. typing).
/// </summary>
public sealed class TeamsDispatcher(IServiceProvider services, ILogger<TeamsDispatcher> logger)
{
    public async Task<InvokeResponse?> DispatchAsync(TeamsTurn turn, CancellationToken ct)
    {
        var activity = turn.Activity;
        if (activity.Type == ActivityTypes.Invoke)
        {
            var invoke = services.GetKeyedService<ITeamsInvokeHandler>(activity.Name ?? "");
            if (invoke is null)
            {
                logger.LogInformation("Teams invoke {Name} has no handler", activity.Name);
                return new InvokeResponse(501);
            }

            return await invoke.HandleAsync(turn, ct);
        }

        var handler = services.GetKeyedService<ITeamsActivityHandler>(activity.Type ?? "");
        if (handler is not null)
        {
            await handler.HandleAsync(turn, ct);
        }

        return null;
    }
}
