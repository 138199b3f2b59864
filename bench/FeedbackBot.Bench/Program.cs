using BenchmarkDotNet.Running;
using FeedbackBot.Bench;
using FeedbackBot.Bench.Burst;
using FeedbackBot.Bench.Digest;
using FeedbackBot.Bench.Garnet;
using FeedbackBot.Bench.Memory;
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

if (args is ["idle-memory", ..])
{
    return await IdleMemory.RunAsync(args[1..]);
}

if (args is ["coach-cpu", ..])
{
    return CoachBenchmarks.CpuTiming(); // CPU time per coach review, for a shared machine too busy for wall-clock figures
}

if (args is ["web", ..])
{
    return await FeedbackBot.Bench.Web.WebScenario.RunAsync(args[1..]); // the growth page of a person with 1,000 items
}

if (args is ["digest", ..])
{
    return await DigestScenario.RunAsync(args[1..]);
}

// Real host process under open-loop load, counted end to end at a fake Slack (see BurstScenario).
if (args is [("burst" or "soak" or "crashloop" or "outage") and var verb, ..])
{
    return await BurstScenario.RunAsync(verb, args[1..]);
}

// typeof(Program) would be ambiguous: the host's Program is referenced too.
BenchmarkSwitcher.FromAssembly(typeof(CoachBenchmarks).Assembly).Run(args);
return 0;
