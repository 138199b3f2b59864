using FeedbackBot.Testing;

namespace FeedbackBot.Host.Tests;

/// <summary>
/// A fresh data directory and a strict fake Slack per test, and host settings for tests that kill the host:
/// short leases and sweeps, so work orphaned by a kill comes back within the test's window (production: 2 min
/// lease, 15 s sweep, 30 s grace); the fake answers at once, so a 10 s lease is never outrun.
/// </summary>
public abstract class CrashTestBase(string name) : IAsyncLifetime
{
    protected string DataDir { get; } = Directory.CreateTempSubdirectory($"fb-{name}-").FullName;

    protected FakeSlackApi Slack { get; private set; } = null!;

    public async Task InitializeAsync() => Slack = await FakeSlackApi.StartAsync();

    public async Task DisposeAsync()
    {
        await Slack.DisposeAsync();
        Directory.Delete(DataDir, recursive: true);
    }

    protected Dictionary<string, string> Settings()
    {
        var settings = EndToEndTests.SlackSettings(Slack, DataDir);
        settings["Logging:LogLevel:Default"] = "Warning"; // a line per request would slow the host under test
        settings["Delivery:Lease"] = "00:00:10";
        settings["Delivery:SweepGrace"] = "00:00:05";
        settings["Delivery:SweepInterval"] = "00:00:02";
        return settings;
    }

    /// <summary>
    /// <see cref="Settings"/> for host <paramref name="name"/> of several on one shared server: the server, a data
    /// directory of its own, and a bot token of its own so the fake Slack tells which host sent what.
    /// </summary>
    protected Dictionary<string, string> HostSettings(LocalRedis redis, string name, params (string Key, string Value)[] overrides)
    {
        var settings = Settings();
        settings["Storage:Redis"] = redis.ConnectionString;
        settings["Storage:DataDirectory"] = Path.Combine(DataDir, name);
        settings["Slack:BotToken"] = $"xoxb-host-{name}";
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>The end of a host's output, for a failure message.</summary>
    protected static string Tail(string output) => output[^Math.Min(output.Length, 2000)..];
}
