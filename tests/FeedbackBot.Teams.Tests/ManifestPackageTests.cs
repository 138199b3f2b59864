using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json.Nodes;
using FeedbackBot.Teams.Inbound;
using Json.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Teams.Tests;

/// <summary>
/// <c>manifests/teams/package.sh APP_ID HOST OUT</c> builds the app package Teams accepts
/// (https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/apps-package): manifest.json and the
/// two icons at the zip's root, the manifest valid against the schema of the version it declares (kept under
/// Fixtures/, tests have no internet), every placeholder filled, the icons of the required size, and every command
/// the manifest shows answered by a handler in <see cref="TeamsRoutes"/> (and every handler shown).
/// </summary>
public sealed class ManifestPackageTests : IDisposable
{
    private const string AppId = "6a0e5c8e-3f7b-4d2a-9c1e-0b8f7d6e5a41";
    private const string Host = "feedbackbot.example.com";

    private readonly string _dir = Directory.CreateTempSubdirectory("fb-teams-pkg-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Package_HoldsTheManifestAndBothIconsAtTheZipRoot()
    {
        using var zip = await PackageAsync();

        Assert.Equal(["color.png", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Package_ManifestValidatesAgainstTheSchemaOfItsDeclaredVersion()
    {
        using var zip = await PackageAsync();
        var manifest = ReadManifest(zip);
        var version = (string)manifest["manifestVersion"]!;

        Assert.Equal($"https://developer.microsoft.com/json-schemas/teams/v{version}/MicrosoftTeams.schema.json", (string?)manifest["$schema"]);
        var result = Validate(manifest, version);
        Assert.True(result.IsValid, Errors(result));
    }

    [Fact]
    public async Task Schema_RefusesWhatTeamsWouldRefuse()
    {
        // The validator is not vacuous: each of these breaks a rule of the declared schema.
        using var zip = await PackageAsync();
        var manifest = ReadManifest(zip);
        var version = (string)manifest["manifestVersion"]!;
        Func<JsonObject, JsonObject>[] breakages =
        [
            m => { m.Remove("developer"); return m; },
            m => { m["id"] = "not-a-guid"; return m; },
            m => { m["composeExtensions"]![0]!["commands"]![0]!["title"] = new string('x', 33); return m; },
            m => { m["bots"]![0]!["scopes"] = new JsonArray("everywhere"); return m; },
            m => { m["unknownField"] = true; return m; },
            m => { m["manifestVersion"] = "1.28"; return m; },
        ];

        foreach (var breakage in breakages)
        {
            Assert.False(Validate(breakage((JsonObject)manifest.DeepClone()), version).IsValid);
        }
    }

    [Fact]
    public async Task Package_FillsTheAppIdAndHostEverywhere()
    {
        using var zip = await PackageAsync();
        var manifest = ReadManifest(zip);
        var text = manifest.ToJsonString();

        Assert.DoesNotContain("{{", text);
        Assert.Equal(AppId, (string?)manifest["id"]);
        Assert.Equal(AppId, (string?)manifest["bots"]![0]!["botId"]);
        Assert.Equal(AppId, (string?)manifest["composeExtensions"]![0]!["botId"]);
        Assert.Equal([Host], manifest["validDomains"]!.AsArray().Select(d => (string?)d));
        Assert.Equal($"https://{Host}/", (string?)manifest["developer"]!["websiteUrl"]);
        Assert.Equal(["personal", "team", "groupChat"], manifest["bots"]![0]!["scopes"]!.AsArray().Select(s => (string?)s));
    }

    [Theory]
    [InlineData("not-a-guid", Host)]
    [InlineData("6a0e5c8e3f7b4d2a9c1e0b8f7d6e5a41", Host)]
    [InlineData(AppId, "https://feedbackbot.example.com")]
    [InlineData(AppId, "feedbackbot.example.com:443")]
    [InlineData(AppId, "feedbackbot.example.com/api")]
    [InlineData(AppId, "evil.com\",\"x")]
    [InlineData(AppId, "-bad.example.com")]
    [InlineData(AppId, "")]
    public async Task Package_RefusesABadAppIdOrHost_AndWritesNothing(string appId, string host)
    {
        var output = Path.Combine(_dir, "refused.zip");

        var (exit, stderr) = await RunPackageAsync(appId, host, output);

        Assert.Equal(2, exit);
        Assert.Contains("must be", stderr);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Icons_ColorIs192Square_OutlineIs32SquareWhiteOnTransparent()
    {
        using var zip = await PackageAsync();
        var color = Png.Read(zip.GetEntry("color.png")!);
        var outline = Png.Read(zip.GetEntry("outline.png")!);

        Assert.Equal((192, 192), (color.Width, color.Height));
        Assert.Equal((32, 32), (outline.Width, outline.Height));
        Assert.True(outline.HasAlpha, "outline.png needs an alpha channel");
        var pixels = Enumerable.Range(0, 32 * 32).Select(i => outline.Pixel(i % 32, i / 32)).ToArray();
        Assert.All(pixels, p => Assert.True(p.A == 0 || (p.R, p.G, p.B) == (255, 255, 255), $"non-white visible pixel {p}"));
        Assert.Equal(0, outline.Pixel(0, 0).A); // a transparent background, not a white square
        Assert.Contains(pixels, p => p.A == 0);
        Assert.Contains(pixels, p => p.A == 255);
    }

    [Fact]
    public void Manifest_EveryHandlerIsShown()
    {
        var (commands, actions, services) = ManifestAndRoutes();

        Assert.Subset(commands, Keys<ITeamsCommand>(services));
        Assert.Subset(actions, Keys<ITeamsMessageExtension>(services));
        Assert.Equal(["help", "give", "request", "inbox", "growth", "pending", "settings", "web", "review-prep", "export", "delete-my-data"], commands);
        Assert.Equal(["giveOnMessage", "askOnMessage"], actions);
    }

    [Fact]
    public void Manifest_EveryCommandHasAHandler()
    {
        var (commands, actions, services) = ManifestAndRoutes();

        Assert.Equal(commands.Order(), Keys<ITeamsCommand>(services).Order());
        Assert.Equal(actions.Order(), Keys<ITeamsMessageExtension>(services).Order());
    }

    /// <summary>The manifest's bot commands and message actions, and the services <c>AddTeams</c> registers (routes included).</summary>
    private static (HashSet<string> Commands, HashSet<string> Actions, IServiceCollection Services) ManifestAndRoutes()
    {
        var manifest = (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(RepoRoot, "manifests", "teams", "manifest.json")))!;
        var services = new ServiceCollection();
        services.AddTeams(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Teams:AllowAnonymous"] = "true" }).Build());
        var commands = manifest["bots"]![0]!["commandLists"]!.AsArray()
            .SelectMany(list => list!["commands"]!.AsArray().Select(c => (string)c!["title"]!)).ToHashSet();
        var actions = manifest["composeExtensions"]![0]!["commands"]!.AsArray().Select(c => (string)c!["id"]!).ToHashSet();
        return (commands, actions, services);
    }

    private static HashSet<string> Keys<T>(IServiceCollection services) =>
        services.Where(d => d.IsKeyedService && d.ServiceType == typeof(T)).Select(d => (string)d.ServiceKey!).ToHashSet();

    private static EvaluationResults Validate(JsonObject manifest, string version)
    {
        var fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", $"MicrosoftTeams.v{version}.schema.json");
        Assert.True(File.Exists(fixture), $"No schema fixture for manifestVersion {version}: add Fixtures/MicrosoftTeams.v{version}.schema.json (see Fixtures/README.md).");
        var schema = (JsonObject)JsonNode.Parse(File.ReadAllText(fixture))!;
        // Microsoft's file says draft-04 but uses const (draft 6) and if/then (draft 7); draft 7 reads every keyword it uses.
        schema["$schema"] = "http://json-schema.org/draft-07/schema#";
        return JsonSchema.FromText(schema.ToJsonString()).Evaluate(manifest, new EvaluationOptions
        {
            OutputFormat = OutputFormat.List,
            RequireFormatValidation = true,
        });
    }

    private static string Errors(EvaluationResults result) =>
        string.Join("\n", result.Details.Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}")));

    private static JsonObject ReadManifest(ZipArchive zip)
    {
        using var stream = zip.GetEntry("manifest.json")!.Open();
        return (JsonObject)JsonNode.Parse(stream)!;
    }

    private async Task<ZipArchive> PackageAsync()
    {
        var output = Path.Combine(_dir, $"{Guid.NewGuid():N}.zip");
        var (exit, stderr) = await RunPackageAsync(AppId.ToUpperInvariant(), "FeedbackBot.Example.com", output);
        Assert.True(exit == 0, $"package.sh exited {exit}: {stderr}");
        return ZipFile.OpenRead(output);
    }

    private static async Task<(int Exit, string Stderr)> RunPackageAsync(string appId, string host, string output)
    {
        var info = new ProcessStartInfo("bash", [Path.Combine(RepoRoot, "manifests", "teams", "package.sh"), appId, host, output])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await stderr);
    }

    internal static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "FeedbackBot.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("FeedbackBot.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>
    /// Just enough of PNG (https://www.w3.org/TR/png-3/) to check icons: 8-bit RGB or RGBA, not interlaced, all
    /// five scanline filters.
    /// </summary>
    private sealed record Png(int Width, int Height, bool HasAlpha, byte[] Pixels)
    {
        public (byte R, byte G, byte B, byte A) Pixel(int x, int y)
        {
            var bpp = HasAlpha ? 4 : 3;
            var i = ((y * Width) + x) * bpp;
            return (Pixels[i], Pixels[i + 1], Pixels[i + 2], HasAlpha ? Pixels[i + 3] : (byte)255);
        }

        public static Png Read(ZipArchiveEntry entry)
        {
            using var stream = entry.Open();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var data = buffer.ToArray();
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], data[..8]);

            int width = 0, height = 0, colorType = 0;
            using var idat = new MemoryStream();
            for (var at = 8; at < data.Length;)
            {
                var length = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(at));
                var type = System.Text.Encoding.ASCII.GetString(data, at + 4, 4);
                var chunk = data.AsSpan(at + 8, length);
                if (type == "IHDR")
                {
                    width = BinaryPrimitives.ReadInt32BigEndian(chunk);
                    height = BinaryPrimitives.ReadInt32BigEndian(chunk[4..]);
                    Assert.Equal(8, chunk[8]); // bit depth
                    colorType = chunk[9];
                    Assert.Contains(colorType, new[] { 2, 6 }); // RGB or RGBA
                    Assert.Equal(0, chunk[12]); // not interlaced
                }
                else if (type == "IDAT")
                {
                    idat.Write(chunk);
                }

                at += 12 + length;
            }

            idat.Position = 0;
            using var inflated = new MemoryStream();
            using (var z = new ZLibStream(idat, CompressionMode.Decompress))
            {
                z.CopyTo(inflated);
            }

            var bpp = colorType == 6 ? 4 : 3;
            return new Png(width, height, colorType == 6, Unfilter(inflated.ToArray(), width, height, bpp));
        }

        private static byte[] Unfilter(byte[] raw, int width, int height, int bpp)
        {
            var stride = width * bpp;
            var pixels = new byte[stride * height];
            for (var y = 0; y < height; y++)
            {
                var filter = raw[y * (stride + 1)];
                for (var x = 0; x < stride; x++)
                {
                    int a = x >= bpp ? pixels[(y * stride) + x - bpp] : 0;
                    int b = y > 0 ? pixels[((y - 1) * stride) + x] : 0;
                    int c = x >= bpp && y > 0 ? pixels[((y - 1) * stride) + x - bpp] : 0;
                    var predictor = filter switch
                    {
                        0 => 0,
                        1 => a,
                        2 => b,
                        3 => (a + b) / 2,
                        4 => Paeth(a, b, c),
                        _ => throw new InvalidDataException($"PNG filter {filter}"),
                    };
                    pixels[(y * stride) + x] = (byte)(raw[(y * (stride + 1)) + 1 + x] + predictor);
                }
            }

            return pixels;
        }

        private static int Paeth(int a, int b, int c)
        {
            var p = a + b - c;
            var (pa, pb, pc) = (Math.Abs(p - a), Math.Abs(p - b), Math.Abs(p - c));
            return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        }
    }
}
