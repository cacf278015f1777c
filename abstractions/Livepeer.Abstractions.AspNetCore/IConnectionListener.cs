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
}
