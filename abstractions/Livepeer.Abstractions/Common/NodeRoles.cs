namespace Livepeer.Abstractions;

/// <summary>The roles a node plays; a node may combine several.</summary>
[Flags]
public enum NodeRoles
{
    /// <summary>No role.</summary>
    None = 0,

    /// <summary>Takes streams from clients and sends work to orchestrators (formerly "broadcaster").</summary>
    Gateway = 1,

    /// <summary>Sells transcoding and capabilities to gateways and is paid for them.</summary>
    Orchestrator = 2,

    /// <summary>Does the transcoding work for an orchestrator.</summary>
    Transcoder = 4,

    /// <summary>Redeems winning tickets on chain for orchestrators.</summary>
    Redeemer = 8,

    /// <summary>Signs payments for gateways that hold no keys.</summary>
    RemoteSigner = 16,
}
