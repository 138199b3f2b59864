using FeedbackBot.Redis;

namespace FeedbackBot.Host.Tests;

/// <summary>The host as an operator meets it: starts with nothing configured, fails clearly on bad settings.</summary>
public sealed class StartupTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fb-host-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task NoSecretsNoRedis_StartsWithEmbeddedStorageAndSaysWhichPlatformsAreOff()
    {
        await using var host = HostProcess.Start(new Dictionary<string, string> { ["Storage:DataDirectory"] = _dir });

        await host.WaitReadyAsync();

        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync("health/live")).StatusCode);
        var ready = await http.GetStringAsync("health/ready");
        Assert.Contains("\"storage\":{\"status\":\"Healthy\"", ready);
        Assert.Contains("\"hangfire\":{\"status\":\"Healthy\"", ready);
        // Outside Development the dashboard is off until its credentials are set, even from loopback (issue 12).
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync("hangfire")).StatusCode);
        var platformLines = host.Output.Split('\n').Where(l => l.Contains("Platforms:")).ToArray();
        var line = Assert.Single(platformLines);
        Assert.Contains("Slack off (set Slack:SigningSecret and Slack:BotToken", line);
        // Said at start although the key ring itself is read only on first use.
        Assert.Single(host.Output.Split('\n'), l => l.Contains("Data Protection keys (they encrypt the stored Slack tokens) are kept unencrypted"));
        Assert.True(Directory.Exists(Path.Combine(_dir, "garnet")));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task DevelopmentEnvironment_ValidatesEveryServiceAndStarts(bool slackOn)
    {
        // `dotnet run` uses the Development profile, where the container validates every registration at build:
        // Core's use cases must resolve with no platform configured, and with Slack on.
        var settings = new Dictionary<string, string>
        {
            ["Storage:DataDirectory"] = _dir,
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
        };
        if (slackOn)
        {
            settings["Slack:SigningSecret"] = "dev-secret";
            settings["Slack:BotToken"] = "xoxb-dev";
            settings["Slack:ApiBaseUrl"] = "http://127.0.0.1:9/api/"; // never called while starting
        }

        await using var host = HostProcess.Start(settings);

        await host.WaitReadyAsync();
        Assert.Contains(slackOn ? "Platforms: Slack on" : "Platforms: Slack off", host.Output);
    }

    [Fact]
    public async Task UnreachableRedis_FailsWithOneLineNamingTheSetting()
    {
        var port = LoopbackPort.Pick(); // nothing listens there
        await using var host = HostProcess.Start(new Dictionary<string, string>
        {
            ["Storage:Redis"] = $"127.0.0.1:{port},password=s3cret-value",
            ["Storage:ConnectTimeout"] = "00:00:01",
        });

        var exit = await host.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, exit);
        AssertOneClearFailure(host.Output, "Storage:Redis");
        Assert.DoesNotContain("s3cret-value", host.Output);
    }

    [Fact]
    public async Task UnwritableDataDirectory_FailsWithOneLineNamingTheSetting()
    {
        // A regular file where a folder should be: not writable as a directory, whoever runs the test (even root).
        var file = Path.Combine(_dir, "not-a-dir");
        await File.WriteAllTextAsync(file, "x");
        await using var host = HostProcess.Start(new Dictionary<string, string> { ["Storage:DataDirectory"] = Path.Combine(file, "data") });

        var exit = await host.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, exit);
        AssertOneClearFailure(host.Output, "Storage:DataDirectory");
    }

    private static void AssertOneClearFailure(string output, string setting)
    {
        var lines = output.Split('\n').Where(l => l.Contains("Cannot start:")).ToArray();
        var line = Assert.Single(lines);
        Assert.Contains(setting, line);
        Assert.DoesNotContain("   at ", output); // no stack trace
    }
}
