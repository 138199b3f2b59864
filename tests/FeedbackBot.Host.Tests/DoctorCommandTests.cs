using FeedbackBot.Redis;

namespace FeedbackBot.Host.Tests;

/// <summary>The <c>doctor</c> verb on the real binary: one summary line, exit code 0 when storage is consistent.</summary>
public sealed class DoctorCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fb-doctor-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Doctor_OnAFreshEmbeddedStore_ReportsCleanAndExitsZero()
    {
        var settings = new Dictionary<string, string>
        {
            ["Storage:DataDirectory"] = _dir,
            ["Storage:EmbeddedPort"] = LoopbackPort.Pick().ToString(),
        };

        await using var doctor = HostProcess.Start(settings, "doctor", "--repair");
        var exit = await doctor.WaitForExitAsync(TimeSpan.FromSeconds(90));

        Assert.True(exit == 0, doctor.Output);
        Assert.Contains("Storage doctor: 0 feedback items, 0 pending deliveries, 0 requests; 0 problem(s), 0 repaired — clean", doctor.Output);
    }
}
