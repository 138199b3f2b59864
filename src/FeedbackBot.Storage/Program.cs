using FeedbackBot.Redis.Embedded;

// The storage child as a NativeAOT executable: the same `storage --data D --port P --memory M --parent PID` command
// line as `FeedbackBot.Host storage ...` (docs/embedded-storage.md).
if (args is [StorageProcess.Verb, ..])
{
    return await StorageProcess.RunAsync(args[1..]);
}

await Console.Error.WriteLineAsync($"{StorageProcess.FailurePrefix}usage: FeedbackBot.Storage {StorageProcess.Verb} --data DIR --port P [--memory 1g] [--parent PID]");
return 2;
