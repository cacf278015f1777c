namespace Livepeer.Plugins.HttpPush;

/// <summary>A push the node will not take, with the HTTP status and text to answer.</summary>
internal sealed class PushRefusedException : Exception
{
    public PushRefusedException(int statusCode, string message)
        : base(message)
    {
        StatusCode = statusCode;
    }

    public PushRefusedException()
    {
    }

    public PushRefusedException(string message)
        : base(message)
    {
    }

    public PushRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int StatusCode { get; } = 500;
}
