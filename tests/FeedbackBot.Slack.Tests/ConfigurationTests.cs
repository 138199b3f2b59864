using System.Net;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.Ports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Slack.Tests;

public sealed class ConfigurationTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("secret", null)]
    [InlineData(null, "xoxb-1")]
    public async Task NotConfigured_MapsNothingAndRegistersNoMessenger(string? secret, string? token)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Slack:SigningSecret"] = secret, ["Slack:BotToken"] = token });
        builder.AddSlack();
        await using var app = builder.Build();
        app.MapSlack();
        await app.StartAsync();

        Assert.False(app.Services.GetRequiredService<IOptions<SlackOptions>>().Value.IsConfigured);
        Assert.Empty(app.Services.GetServices<IChatMessenger>());
        Assert.Null(app.Services.GetService<IPeopleDirectory>());
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        var response = await http.PostAsync("/slack/commands", new StringContent("x"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public void Options_Defaults()
    {
        var options = new SlackOptions();
        Assert.Equal("https://slack.com/api/", options.ApiBaseUrl);
        Assert.False(options.IsConfigured);
        Assert.True(new SlackOptions { SigningSecret = "s", BotToken = "t" }.IsConfigured);
    }
}
