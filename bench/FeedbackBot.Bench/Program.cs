using BenchmarkDotNet.Running;
using FeedbackBot.Bench.Digest;
using FeedbackBot.Bench.Garnet;
using FeedbackBot.Redis.Embedded;

// `digest` is a plain console scenario (virtual week, loopback fake Slack); anything else goes to BenchmarkDotNet.
if (args is [StorageProcess.Verb, ..])
{
    return await StorageProcess.RunAsync(args[1..]); // the storage child that `garnet-stress --mode child` supervises
}

if (args is ["garnet-stress", ..])
{
    return await GarnetStress.RunAsync(args[1..]);
}

if (args is ["digest", ..])
{
    return await DigestScenario.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
