using FeedbackBot.Host;
using FeedbackBot.Host.Cli;
using FeedbackBot.Redis.Embedded;

// Only what the storage child and the CLI need is named here; the web host is in WebHost (see there why).
if (args is [StorageProcess.Verb, ..])
{
    return await StorageProcess.RunAsync(args[1..]); // the supervised storage child (docs/embedded-storage.md)
}

if (args is ["coach", ..])
{
    return await CoachCommand.RunAsync(args[1..], Console.In, Console.Out, TimeProvider.System, CancellationToken.None);
}

return await WebHost.RunAsync(args);

/// <summary>Visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
