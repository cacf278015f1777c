using System.Diagnostics;
using System.Text;

namespace Livepeer.Template.Tests;

/// <summary>Runs the <c>dotnet</c> CLI as a child process with a time limit and returns its exit code and output.</summary>
internal static class DotnetCli
{
    // Set by the `dotnet test` that runs this test; a nested build must find its own MSBuild and SDKs.
    private static readonly string[] InheritedPrefixes = ["MSBUILD", "MSBuild", "VSTEST_", "TESTINGPLATFORM_", "DOTNET_HOST_PATH"];

    public static async Task<CliResult> RunAsync(string workingDirectory, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var name in info.Environment.Keys.Where(k => InheritedPrefixes.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase))).ToList())
        {
            info.Environment.Remove(name);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";

        var output = new StringBuilder();
        using var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.Exited += (_, _) => exited.TrySetResult();
        var outputEnded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var errorEnded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) => Append(output, e.Data, outputEnded);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data, errorEnded);
        var command = "dotnet " + string.Join(' ', info.ArgumentList);
        var watch = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // Wait for the process, not for the end of its output: a build server it started may hold the pipe open.
        if (await Task.WhenAny(exited.Task, Task.Delay(timeout)) != exited.Task)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{command}` in {workingDirectory} did not finish within {timeout}:\n{Text(output)}");
        }

        await Task.WhenAny(Task.WhenAll(outputEnded.Task, errorEnded.Task), Task.Delay(TimeSpan.FromSeconds(10)));
        return new CliResult(command, process.ExitCode, Text(output), watch.Elapsed);
    }

    private static void Append(StringBuilder output, string? line, TaskCompletionSource ended)
    {
        if (line is null)
        {
            ended.TrySetResult();
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}

/// <summary>What a <c>dotnet</c> command did.</summary>
internal sealed record CliResult(string Command, int ExitCode, string Output, TimeSpan Elapsed)
{
    /// <summary>Fails the test with the command's output unless it exited with 0.</summary>
    public CliResult EnsureSuccess()
    {
        Assert.True(ExitCode == 0, $"`{Command}` exited with {ExitCode}:\n{Output}");
        return this;
    }
}
