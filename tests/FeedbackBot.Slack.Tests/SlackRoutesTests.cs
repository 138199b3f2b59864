using FeedbackBot.Slack.Give;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Slack.Tests;

/// <summary>The route table covers the whole /feedback grammar: a parser intent without a subcommand would be a runtime failure.</summary>
public sealed class SlackRoutesTests
{
    [Fact]
    public async Task EveryFeedbackCommandIntent_HasItsSubcommandInTheRouteTable()
    {
        await using var host = await SlackTestHost.StartAsync();
        await using var scope = host.Services.CreateAsyncScope();
        var intents = typeof(FeedbackCommandIntent).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(FeedbackCommandIntent)) && !t.IsAbstract)
            .ToArray();

        Assert.Contains(typeof(FeedbackCommandIntent.QuickGive), intents);
        Assert.All(intents, intent => Assert.NotNull(scope.ServiceProvider.GetKeyedService<IFeedbackSubcommand>(intent)));
    }
}
