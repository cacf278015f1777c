using Livepeer.Benchmarks;

// Usage: Livepeer.Benchmarks [grpc|discovery|trickle|crypto|byoc|rtp|srtp|whep|tickets|all] [--seconds N]
var what = args.FirstOrDefault(a => !a.StartsWith('-')) ?? "all";
var seconds = args.SkipWhile(a => a != "--seconds").Skip(1).Select(int.Parse).FirstOrDefault(3);
Console.WriteLine($"Livepeer.Benchmarks: {what}, {Environment.ProcessorCount} CPUs, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
if (what is "grpc" or "all")
{
    await GrpcBenchmark.RunAsync(TimeSpan.FromSeconds(seconds));
}

if (what is "discovery" or "all")
{
    await DiscoveryBenchmark.RunAsync();
}

if (what is "trickle" or "all")
{
    await TrickleBenchmark.RunAsync(segments: 150, latencyChunks: 10_000, fanOutSubscribers: 100, fanOutSegments: 10);
}

if (what is "crypto" or "all")
{
    CryptoBenchmark.Run(TimeSpan.FromSeconds(Math.Min(seconds, 2)));
}

if (what is "byoc" or "all")
{
    await ByocBenchmark.RunAsync(samples: 300, concurrentStreams: 1000);
}

if (what is "rtp" or "all")
{
    RtpBenchmark.Run(TimeSpan.FromSeconds(Math.Min(seconds, 2)));
}

if (what is "srtp" or "all")
{
    SrtpBenchmark.Run(TimeSpan.FromSeconds(Math.Min(seconds, 2)));
}

if (what is "whep" or "all")
{
    WhepFanOutBenchmark.Run(TimeSpan.FromSeconds(Math.Min(seconds, 2)));
}

if (what is "tickets" or "all")
{
    await TicketBenchmark.RunAsync(TimeSpan.FromSeconds(Math.Min(seconds, 2)));
}

if (what is not ("grpc" or "discovery" or "trickle" or "crypto" or "byoc" or "rtp" or "srtp" or "whep" or "tickets" or "all"))
{
    Console.Error.WriteLine($"unknown benchmark '{what}': use grpc, discovery, trickle, crypto, byoc, rtp, srtp, whep, tickets or all");
    return 2;
}

return 0;
