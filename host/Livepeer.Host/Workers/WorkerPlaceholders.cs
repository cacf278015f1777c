namespace Livepeer.Host.Workers;

/// <summary>
/// What a worker's <c>Command</c>, <c>Args</c> and <c>Env</c> values may refer to: <c>{orchUrl}</c> (this node's
/// orchestrator service as a local process reaches it), <c>{orchSecret}</c>, <c>{nodeDir}</c> (the folder of the
/// node's executable), <c>{dataDir}</c> and <c>{dotnet}</c> (the .NET host running the node). Other braces stay.
/// </summary>
internal sealed record WorkerPlaceholders(string OrchUrl, string OrchSecret, string NodeDir, string DataDir, string Dotnet)
{
    /// <summary>The .NET host that runs this node, so a worker that is a .NET program runs on the same runtime.</summary>
    public static string CurrentDotnet() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase) ? path : "dotnet";

    public string Expand(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.IndexOf('{', StringComparison.Ordinal) < 0
            ? text
            : text.Replace("{orchUrl}", OrchUrl, StringComparison.Ordinal)
                .Replace("{orchSecret}", OrchSecret, StringComparison.Ordinal)
                .Replace("{nodeDir}", NodeDir, StringComparison.Ordinal)
                .Replace("{dataDir}", DataDir, StringComparison.Ordinal)
                .Replace("{dotnet}", Dotnet, StringComparison.Ordinal);
    }
}
