using System.Net;
using Microsoft.AspNetCore.Connections;

namespace Livepeer.Abstractions.AspNetCore;

/// <summary>
/// A raw-TCP protocol a plugin serves on its own port through the host's Kestrel (RTMP, for example):
/// the host listens on <see cref="EndPoint"/> and lets the plugin build the connection pipeline,
/// typically <c>builder.UseConnectionHandler&lt;T&gt;()</c>. Register it as a singleton.
/// </summary>
public interface IConnectionListener : INamedExtension
{
    /// <summary>Where to listen; port 0 asks the OS for a free port.</summary>
    IPEndPoint EndPoint { get; }

    /// <summary>The URI scheme clients use, e.g. <c>rtmp</c>; shown in the start-up banner and <c>/status</c>.</summary>
    string Scheme { get; }

    /// <summary>Builds the pipeline each accepted connection runs through.</summary>
    void Configure(IConnectionBuilder builder);

    /// <summary>Called once the host has bound, with the actual address (the real port when 0 was asked for).</summary>
    void OnBound(IPEndPoint boundEndPoint);

    /// <summary>
    /// True to run each connection's pipeline on the socket's I/O thread: a read is handed to the pipeline where the
    /// socket reported it, with no thread-pool work item in between (the host's I/O-thread transport). Much cheaper for
    /// long-lived connections that do a little work per read (RTMP ingest), but the pipeline must never block: a
    /// blocking call stalls every connection served by that thread. Default false (Kestrel's usual transport).
    /// </summary>
    bool RunsOnIoThread => false;
}
