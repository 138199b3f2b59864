using System.Collections;
using System.Reflection;
using FeedbackBot.Redis.Embedded;
using Garnet;
using Garnet.server;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Redis.Tests;

/// <summary>
/// The storage child builds Garnet's option object in code (NativeAOT cannot run Garnet's reflection-based option
/// parser). These tests hold it to what Garnet itself makes of the documented command line, member by member.
/// </summary>
public sealed class EmbeddedGarnetOptionsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fb-garnet-options-").FullName;

    [Theory]
    [InlineData("1g")]
    [InlineData("16m")]
    public void ServerOptions_EqualWhatGarnetParsesFromTheArguments(string memory)
    {
        var parsed = Describe(ParseWithGarnet(EmbeddedGarnet.Arguments(_dir, 6399, memory)));
        var built = Describe(EmbeddedGarnet.ServerOptions(_dir, 6399, memory));

        var differences = parsed.Keys.Union(built.Keys)
            .Where(k => parsed.GetValueOrDefault(k) != built.GetValueOrDefault(k))
            .Select(k => $"{k}: Garnet's parser {parsed.GetValueOrDefault(k)}, built {built.GetValueOrDefault(k)}")
            .ToList();
        Assert.Empty(differences);
        Assert.Contains(parsed, kv => kv.Key == nameof(GarnetServerOptions.LogMemorySize) && kv.Value == $"\"{memory}\"");
    }

    [Fact]
    public void PreferredLaunch_IsTheNativeChildWhenItSitsNextToTheHost()
    {
        var fallback = new StorageLaunch("/usr/bin/dotnet", ["FeedbackBot.Host.dll"]);
        Assert.Same(fallback, StorageLaunch.Preferred(_dir, fallback));

        var native = Path.Combine(_dir, StorageLaunch.NativeChildName);
        File.WriteAllBytes(native, []);
        Assert.Same(fallback, StorageLaunch.Preferred(_dir, fallback)); // no Lua library beside it: scripts would fail

        File.WriteAllBytes(Path.Combine(_dir, "liblua54.so"), []);
        var preferred = StorageLaunch.Preferred(_dir, fallback);

        Assert.Equal(native, preferred.FileName);
        Assert.Empty(preferred.LeadingArguments);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // Garnet's own path (GarnetServer(string[])): ServerSettingsManager is internal, so it is called by reflection.
    private static GarnetServerOptions ParseWithGarnet(string[] arguments)
    {
        var manager = typeof(GarnetServer).Assembly.GetType("Garnet.ServerSettingsManager", throwOnError: true)!;
        var parse = manager.GetMethod("TryParseCommandLineArguments", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)!;
        var call = new object?[] { arguments, null, null, null, null, true, null };
        Assert.True((bool)parse.Invoke(null, call)!, "Garnet refused the arguments");
        var options = call[1]!;
        return (GarnetServerOptions)options.GetType().GetMethod("GetServerOptions")!.Invoke(options, [null])!;
    }

    // Every public member, and the fields of the option objects Garnet hangs off it (device factory, auth, Lua).
    private static Dictionary<string, string> Describe(GarnetServerOptions options)
    {
        var result = new Dictionary<string, string>();
        foreach (var member in typeof(GarnetServerOptions).GetMembers(BindingFlags.Public | BindingFlags.Instance))
        {
            var value = member switch
            {
                FieldInfo f => f.GetValue(options),
                PropertyInfo { CanRead: true } p when p.GetIndexParameters().Length == 0 => p.GetValue(options),
                _ => null,
            };
            if (member is FieldInfo or PropertyInfo && value is not ILogger)
            {
                Add(result, member.Name, value, depth: 0);
            }
        }

        return result;
    }

    private static void Add(Dictionary<string, string> into, string name, object? value, int depth)
    {
        var type = value?.GetType();
        if (value is null or string or IEnumerable || type!.IsPrimitive || type.IsEnum || type.IsValueType
            || depth > 1 || type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true)
        {
            into[name] = Show(value);
            return;
        }

        into[name] = type.FullName!;
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (var f in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                var fieldValue = f.GetValue(value);
                if (fieldValue is not ILogger)
                {
                    Add(into, $"{name}.{f.Name}", fieldValue, depth + 1);
                }
            }
        }
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        IEnumerable e => "[" + string.Join(",", e.Cast<object?>().Select(Show)) + "]",
        _ => value.ToString() ?? "",
    };
}
