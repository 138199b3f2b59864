using FeedbackBot.Core.Nudges;
using FeedbackBot.Core.People;
using FeedbackBot.Teams.Addressing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Teams.Growth;

/// <summary>What the growth handlers need of a person besides Core: their time zone (for dates) and their stored name.</summary>
public sealed class TeamsGrowth(PersonClock clock, TeamsAddressBook addresses, ILogger<TeamsGrowth> logger)
{
    /// <summary>The person's zone (their setting, else what their Teams client reports); UTC when it cannot be read.</summary>
    public async Task<TimeZoneInfo> ZoneAsync(PersonRef person, CancellationToken ct)
    {
        try
        {
            return (await clock.LoadAsync(person, ct)).Calendar.TimeZone;
        }
        catch (PeopleLookupException ex)
        {
            // A date in UTC (named so) is better than no answer to the button.
            logger.LogInformation(ex, "Growth dates for {Person} in UTC", person);
            return TimeZoneInfo.Utc;
        }
    }

    /// <summary>A person's stored display name, or "a colleague".</summary>
    public async Task<string> NameAsync(PersonRef person, CancellationToken ct) =>
        (await addresses.NamesAsync([person], ct)).TryGetValue(person, out var name) ? name : "a colleague";
}

public static class GrowthServices
{
    /// <summary>The services behind the growth handlers (the handlers themselves are in <see cref="Inbound.TeamsRoutes"/>).</summary>
    public static IServiceCollection AddTeamsGrowth(this IServiceCollection services)
    {
        services.AddTransient<TeamsGrowth>();
        services.AddTransient<GrowthView>();
        services.AddKeyedTransient<Core.Ports.IBackgroundWorkHandler, AskGiverWork>(AskGiverWork.Kind);
        return services;
    }
}
