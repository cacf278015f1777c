namespace Livepeer.Plugins.Byoc.Worker;

/// <summary>A worker answered a call with an error status; its body is passed back to the client as upstream does.</summary>
internal sealed class WorkerCallException : Exception
{
    public WorkerCallException(int statusCode, string body, string? contentType)
        : base($"The worker answered {statusCode}")
    {
        StatusCode = statusCode;
        Body = body;
        ContentType = contentType;
    }

    public WorkerCallException()
    {
        Body = "";
    }

    public WorkerCallException(string message)
        : base(message)
    {
        Body = "";
    }

    public WorkerCallException(string message, Exception innerException)
        : base(message, innerException)
    {
        Body = "";
    }

    public int StatusCode { get; }

    public string Body { get; }

    public string? ContentType { get; }

    /// <summary>The worker refused our bearer token: upstream unregisters the capability.</summary>
    public bool IsUnauthorized => StatusCode == 401;
}

/// <summary>A worker could not be reached or did not answer in time.</summary>
internal sealed class WorkerUnavailableException : Exception
{
    public WorkerUnavailableException(string message, bool timedOut, Exception? innerException = null)
        : base(message, innerException)
    {
        TimedOut = timedOut;
    }

    public WorkerUnavailableException()
    {
    }

    public WorkerUnavailableException(string message)
        : base(message)
    {
    }

    public WorkerUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public bool TimedOut { get; }
}
