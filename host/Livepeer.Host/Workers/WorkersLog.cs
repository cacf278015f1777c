namespace Livepeer.Host.Workers;

/// <summary>Managed workers' log messages (event ids 1700–1719).</summary>
internal static partial class WorkersLog
{
    [LoggerMessage(EventId = 1700, Level = LogLevel.Information, Message = "Worker {Worker} started (pid {Pid}): {Command}")]
    public static partial void Started(ILogger logger, string worker, int pid, string command);

    [LoggerMessage(EventId = 1701, Level = LogLevel.Warning, Message = "Worker {Worker} exited with code {ExitCode}; restarting in {Delay}")]
    public static partial void Exited(ILogger logger, string worker, int exitCode, TimeSpan delay);

    [LoggerMessage(EventId = 1702, Level = LogLevel.Warning, Message = "Worker {Worker} could not start ({Reason}); trying again in {Delay}")]
    public static partial void StartFailed(ILogger logger, string worker, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 1703, Level = LogLevel.Information, Message = "Worker {Worker} stopped (exit code {ExitCode})")]
    public static partial void Stopped(ILogger logger, string worker, int exitCode);

    [LoggerMessage(EventId = 1704, Level = LogLevel.Warning, Message = "Worker {Worker} did not stop within {Timeout} of SIGTERM: killed")]
    public static partial void Killed(ILogger logger, string worker, TimeSpan timeout);

    [LoggerMessage(EventId = 1705, Level = LogLevel.Information, Message = "[{Worker}] {Line}")]
    public static partial void Output(ILogger logger, string worker, string line);

    [LoggerMessage(EventId = 1706, Level = LogLevel.Warning, Message = "[{Worker}] {Line}")]
    public static partial void ErrorOutput(ILogger logger, string worker, string line);
}
