using Microsoft.Extensions.Logging;

namespace Livepeer.Host.Tests.Plugins;

/// <summary>Keeps every log entry so tests can check level, event id and message.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly List<LogEntry> _entries = [];

    public IReadOnlyList<LogEntry> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_entries)
        {
            _entries.Add(new LogEntry(logLevel, eventId.Id, formatter(state, exception)));
        }
    }
}

internal sealed record LogEntry(LogLevel Level, int EventId, string Message);
