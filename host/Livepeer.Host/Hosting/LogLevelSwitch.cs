namespace Livepeer.Host.Hosting;

/// <summary>
/// The node's log verbosity, changeable at run time through the CLI API. Levels follow go-livepeer's
/// <c>-v</c>: 0 critical only … 3 information (default) … 4 debug, 5 and 6 trace.
/// </summary>
internal sealed class LogLevelSwitch(int verbosity)
{
    private volatile int _verbosity = verbosity;

    public int Verbosity => _verbosity;

    public LogLevel MinimumLevel => ToLevel(_verbosity);

    public void Set(int verbosity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(verbosity);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(verbosity, 6);
        _verbosity = verbosity;
    }

    public static LogLevel ToLevel(int verbosity) => verbosity switch
    {
        <= 0 => LogLevel.Critical,
        1 => LogLevel.Error,
        2 => LogLevel.Warning,
        3 => LogLevel.Information,
        4 => LogLevel.Debug,
        _ => LogLevel.Trace,
    };
}
