using Livepeer.Benchmarks.Media;

// Usage: Livepeer.Benchmarks.Media [ts|rtmp|all] [--seconds N] [--streams 1,10,50] [--node path/to/Livepeer.Host.dll]
//   ts:   MPEG-TS demux/mux throughput per core against memcpy (default; --seconds per row, default 3)
//   rtmp: CPU per stream-minute of N concurrent ffmpeg RTMP publishers into nginx-rtmp and into this node
//         (--seconds measured per N and server, default 20; the node is the ./livepeer build by default;
//         --variant 'label:NAME=VALUE,NAME=VALUE' (repeatable) runs the node once per variant with those environment
//         variables; --fixture path reuses (or keeps) the encoded test pattern; --repeat R measures each N R times,
//         nginx and the node variants alternating, so load changes hit both)
var what = args.Where((a, i) => !a.StartsWith('-') && (i == 0 || !args[i - 1].StartsWith("--", StringComparison.Ordinal))).FirstOrDefault() ?? "ts";
string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
Console.WriteLine($"Livepeer.Benchmarks.Media: {what}, {Environment.ProcessorCount} CPUs, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
if (what is "ts" or "all")
{
    TsBenchmark.Run(double.Parse(Option("--seconds") ?? "3", System.Globalization.CultureInfo.InvariantCulture));
}

if (what is "rtmp" or "all")
{
    var streams = (Option("--streams") ?? "1,10,50").Split(',').Select(int.Parse).ToArray();
    var variants = args.Select((a, i) => (a, i)).Where(p => p.a == "--variant" && p.i + 1 < args.Length).Select(p => RtmpIngestBenchmark.Variant.Parse(args[p.i + 1])).ToList();
    if (variants.Count == 0)
    {
        variants.Add(RtmpIngestBenchmark.Variant.Parse("as shipped"));
    }

    await RtmpIngestBenchmark.RunAsync(streams, TimeSpan.FromSeconds(double.Parse(Option("--seconds") ?? "20", System.Globalization.CultureInfo.InvariantCulture)), Option("--node"), variants, Option("--fixture"), int.Parse(Option("--repeat") ?? "1", System.Globalization.CultureInfo.InvariantCulture));
}

if (what is not ("ts" or "rtmp" or "all"))
{
    Console.Error.WriteLine($"unknown benchmark '{what}': use ts, rtmp or all");
    return 2;
}

return 0;
