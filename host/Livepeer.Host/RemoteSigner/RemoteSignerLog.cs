namespace Livepeer.Host.RemoteSigner;

internal static partial class RemoteSignerLog
{
    [LoggerMessage(EventId = 1501, Level = LogLevel.Debug, Message = "Signed BYOC job {JobId} for capability {Capability}")]
    public static partial void SignedJob(ILogger logger, string capability, string jobId);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Debug, Message = "Live payment ({Type}) for manifest {ManifestId}: {Status}")]
    public static partial void Payment(ILogger logger, string type, string manifestId, int status);
}
