using FeedbackBot.Redis;

namespace FeedbackBot.Host.Cli;

/// <summary>
/// <c>doctor [--repair]</c>: checks the storage invariants against the configured storage (the same settings as
/// the bot: <c>Storage:Redis</c>, or the embedded store in <c>Storage:DataDirectory</c> — stop the bot first, the
/// embedded store has one owner). Prints each finding and one summary line. Exit code 0 when clean (or
/// everything found was repaired), 1 when problems remain, 2 when storage could not be reached.
/// </summary>
internal static class DoctorCommand
{
    public const string Verb = "doctor";

    /// <summary>
    /// Runs the check, then stops everything the check started (the embedded store, connections) before returning.
    /// A fault while stopping is logged as one line with its exception and does not change the exit code: the check's
    /// result is what the caller asked for. (A crash-loop run once ended with the doctor aborting, exit 134, after
    /// printing "clean": an exception escaping the host's disposal is an unhandled exception in <c>Main</c>.)
    /// </summary>
    public static async Task<int> RunAndStopAsync(IHost app, bool repair, TextWriter output, CancellationToken ct)
    {
        int code;
        try
        {
            code = await RunAsync(app.Services, repair, output, ct);
        }
        finally
        {
            await output.FlushAsync(ct);
        }

        try
        {
            if (app is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
            else
            {
                app.Dispose();
            }
        }
        catch (Exception ex)
        {
            await Console.Error.WriteLineAsync($"doctor: stopping after the check failed ({ex.GetType().Name}: {ex.Message}); the check's result stands\n{ex}");
        }

        return code;
    }

    public static async Task<int> RunAsync(IServiceProvider services, bool repair, TextWriter output, CancellationToken ct)
    {
        var report = await services.GetRequiredService<StorageDoctor>().RunAsync(repair, ct);
        foreach (var finding in report.Findings)
        {
            await output.WriteLineAsync("  " + finding);
        }

        await output.WriteLineAsync(report.Summary);
        return report.Clean ? 0 : 1;
    }
}

/// <summary>
/// Notices an unclean shutdown (kill -9, a crash, power loss) by a marker file in the data directory that only a
/// graceful stop removes, and then runs the storage doctor with repair in the background after start-up, logging
/// its one summary line. Repairs are idempotent, so several hosts doing it at once is harmless.
/// </summary>
internal sealed class UncleanShutdownCheck(
    IConfiguration configuration,
    IServiceProvider services,
    IHostApplicationLifetime lifetime,
    ILogger<UncleanShutdownCheck> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var directory = Path.GetFullPath(configuration["Storage:DataDirectory"] ?? "data");
        var marker = Path.Combine(directory, ".running");
        var unclean = File.Exists(marker);
        try
        {
            Directory.CreateDirectory(directory);
            await File.WriteAllTextAsync(marker, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), stoppingToken);
            lifetime.ApplicationStopped.Register(() =>
            {
                try
                {
                    File.Delete(marker);
                }
                catch (IOException)
                {
                    // The data directory went away with the process (a test's temp folder): nothing to mark.
                }
            });
        }
        catch (IOException ex)
        {
            logger.LogDebug(ex, "Could not write the running marker in {Directory}", directory);
        }

        if (!unclean)
        {
            return;
        }

        logger.LogWarning("The last run did not shut down cleanly; checking storage in the background");
        try
        {
            await services.GetRequiredService<StorageDoctor>().RunAsync(repair: true, stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Storage check after the unclean shutdown failed");
        }
    }
}
