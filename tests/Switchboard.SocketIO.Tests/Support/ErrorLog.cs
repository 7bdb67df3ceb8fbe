using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Switchboard.SocketIO.Tests.Support;

/// <summary>Collects every log entry at Error or above, or carrying an exception, from every category.</summary>
public sealed class ErrorLog : ILoggerProvider
{
    /// <summary>The entries, as "category: message (exception)".</summary>
    public ConcurrentQueue<string> Entries { get; } = new();

    /// <inheritdoc/>
    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <inheritdoc/>
    public void Dispose()
    {
    }

    private sealed class Logger(ErrorLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error || exception is not null)
            {
                log.Entries.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
            }
        }
    }
}
