namespace Livepeer.Abstractions.Byoc;

/// <summary>HTTP header names of the BYOC protocol (go-livepeer <c>byoc/types.go</c> and the response headers it sets).</summary>
public static class ByocHeaders
{
    /// <summary>Base64 of the JSON job request (<see cref="ByocJobHeader"/>); signed from gateway to orchestrator.</summary>
    public const string Job = "Livepeer";

    /// <summary>Base64 of the protobuf <c>net.Payment</c>.</summary>
    public const string Payment = "Livepeer-Payment";

    /// <summary>Segment credentials the Python SDK sends next to a payment (ignored by BYOC).</summary>
    public const string Segment = "Livepeer-Segment";

    /// <summary>The remaining balance, orchestrator to gateway (an integer in wei).</summary>
    public const string Balance = "Livepeer-Balance";

    /// <summary>The balance on Server-Sent-Events batch answers.</summary>
    public const string PaymentBalance = "Livepeer-Payment-Balance";

    /// <summary>Base64 of <c>{"addr","sig"}</c> on <c>GET /process/token</c>.</summary>
    public const string EthAddress = "Livepeer-Eth-Address";

    /// <summary>The capability name on <c>GET /process/token</c>.</summary>
    public const string Capability = "Livepeer-Capability";

    /// <summary>Worker metadata passed back on batch answers.</summary>
    public const string Metadata = "X-Metadata";

    /// <summary>The stream id on orchestrator to worker stream calls.</summary>
    public const string StreamId = "X-Stream-Id";

    /// <summary>The channel the client publishes video to (the worker's <c>subscribe_url</c>).</summary>
    public const string PublishUrl = "X-Publish-Url";

    /// <summary>The channel the client reads processed video from (the worker's <c>publish_url</c>).</summary>
    public const string SubscribeUrl = "X-Subscribe-Url";

    /// <summary>The control channel (client to worker JSON).</summary>
    public const string ControlUrl = "X-Control-Url";

    /// <summary>The events channel (worker to client JSON).</summary>
    public const string EventsUrl = "X-Events-Url";

    /// <summary>The data channel (worker to client JSON lines).</summary>
    public const string DataUrl = "X-Data-Url";
}
