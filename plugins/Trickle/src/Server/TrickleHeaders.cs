namespace Livepeer.Plugins.Trickle.Server;

/// <summary>Header names and values of the trickle protocol (upstream trickle/README.md, trickle_server.go).</summary>
internal static class TrickleHeaders
{
    /// <summary>The effective segment index, on POST and GET responses.</summary>
    public const string Seq = "Lp-Trickle-Seq";

    /// <summary>The server's next write, on 470, closed, <c>/next</c> and behind-the-edge GET responses.</summary>
    public const string Latest = "Lp-Trickle-Latest";

    /// <summary>Present (value <see cref="Terminated"/>) when the channel is closed.</summary>
    public const string Closed = "Lp-Trickle-Closed";

    /// <summary>On a publish request: the publisher restarted; lower segments are closed.</summary>
    public const string Reset = "Lp-Trickle-Reset";

    /// <summary>On a channel-create request: the channel's MIME type.</summary>
    public const string ExpectContent = "Expect-Content";

    /// <summary>The value of <see cref="Closed"/>.</summary>
    public const string Terminated = "terminated";

    /// <summary>The custom status for "channel exists, segment does not" (upstream <c>handleGet</c>).</summary>
    public const int SegmentNotFound = 470;
}
