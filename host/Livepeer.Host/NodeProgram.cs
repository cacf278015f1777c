using Livepeer.Host.Configuration;
using Livepeer.Host.Hosting;

namespace Livepeer.Host;

/// <summary>The entry point: parse the command line, build the node, run it until SIGINT/SIGTERM.</summary>
internal static class NodeProgram
{
    public const int ExitConfigurationError = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        var commandLine = CommandLine.Parse(args);
        if (commandLine.ShowHelp)
        {
            await Console.Out.WriteAsync(HelpText.Build()).ConfigureAwait(false);
            return 0;
        }

        try
        {
            var app = NodeApplication.Create(commandLine);
            await using (app.ConfigureAwait(false))
            {
                await app.RunAsync().ConfigureAwait(false);
            }

            return 0;
        }
        catch (StartupException e)
        {
            await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return ExitConfigurationError;
        }
    }
}
