using System.Diagnostics;

namespace FeedbackBot.Host.Tests.Teams;

/// <summary>
/// Installs the Microsoft 365 Agents Playground at test time with npm, into a cache folder outside the repository
/// (its licence is proprietary: it is never committed). One pinned version; a second run finds it installed.
/// </summary>
public static class PlaygroundInstall
{
    public const string Package = "@microsoft/m365agentsplayground";
    public const string Version = "0.2.28";

    /// <summary>Where it is installed: <c>$FEEDBACKBOT_PLAYGROUND_DIR</c>, else <c>~/.cache/feedbackbot/m365agentsplayground-0.2.28</c>.</summary>
    public static string Directory =>
        Environment.GetEnvironmentVariable("FEEDBACKBOT_PLAYGROUND_DIR") is { Length: > 0 } dir ? dir
        : Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } cache ? cache
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "feedbackbot", $"m365agentsplayground-{Version}");

    /// <summary>The Playground's <c>cli.js</c>, installing it first when missing (npm needs the registry; the sandbox does not).</summary>
    public static async Task<string> EnsureAsync()
    {
        var cli = Path.Combine(Directory, "node_modules", "@microsoft", "m365agentsplayground", "cli.js");
        if (File.Exists(cli))
        {
            return cli;
        }

        System.IO.Directory.CreateDirectory(Directory);
        string output = "";
        for (var attempt = 1; attempt <= 2 && !File.Exists(cli); attempt++)
        {
            var info = new ProcessStartInfo("npm", ["install", "--prefix", Directory, "--no-audit", "--no-fund", "--loglevel=error", $"{Package}@{Version}"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var npm = Process.Start(info)!;
            var stderr = npm.StandardError.ReadToEndAsync();
            var stdout = await npm.StandardOutput.ReadToEndAsync();
            using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await npm.WaitForExitAsync(cts.Token);
            output = stdout + await stderr;
        }

        return File.Exists(cli) ? cli : throw new InvalidOperationException($"npm could not install {Package}@{Version}:\n{output}");
    }
}
