using BenchmarkDotNet.Running;
using FeedbackBot.Bench.Digest;

// `digest` is a plain console scenario (virtual week, loopback fake Slack); anything else goes to BenchmarkDotNet.
if (args is ["digest", ..])
{
    return await DigestScenario.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
