namespace Livepeer.Plugins.WebRtc.Transport;

/// <summary>One transport's counters, updated with interlocked adds from the socket thread and the session task.</summary>
internal sealed class TransportCounters
{
    public long RtpReceived;
    public long RtcpReceived;
    public long BytesReceived;
    public long RtpSent;
    public long RtcpSent;
    public long BytesSent;
    public long StunRequests;
    public long StunRejected;
    public long DtlsDropped;
    public long SrtpAuthFailures;
    public long SrtpReplays;
    public long UnknownSource;
    public long InboundQueueDropped;
    public long ReceiveQueueDropped;
    public long Unclassified;

    public WebRtcTransportStats Snapshot() => new()
    {
        RtpPacketsReceived = Interlocked.Read(ref RtpReceived),
        RtcpPacketsReceived = Interlocked.Read(ref RtcpReceived),
        BytesReceived = Interlocked.Read(ref BytesReceived),
        RtpPacketsSent = Interlocked.Read(ref RtpSent),
        RtcpPacketsSent = Interlocked.Read(ref RtcpSent),
        BytesSent = Interlocked.Read(ref BytesSent),
        StunRequests = Interlocked.Read(ref StunRequests),
        StunRejected = Interlocked.Read(ref StunRejected),
        DtlsDropped = Interlocked.Read(ref DtlsDropped),
        SrtpAuthFailures = Interlocked.Read(ref SrtpAuthFailures),
        SrtpReplays = Interlocked.Read(ref SrtpReplays),
        UnknownSourceDropped = Interlocked.Read(ref UnknownSource),
        InboundQueueDropped = Interlocked.Read(ref InboundQueueDropped),
        ReceiveQueueDropped = Interlocked.Read(ref ReceiveQueueDropped),
        UnclassifiedDropped = Interlocked.Read(ref Unclassified),
    };
}
