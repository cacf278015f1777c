namespace Livepeer.Media.Amf;

/// <summary>Bounds on what the AMF0 decoder accepts, so hostile input cannot exhaust the stack or memory.</summary>
public sealed record Amf0Limits
{
    /// <summary>The defaults: nesting 32 deep, 65536 values in all.</summary>
    public static Amf0Limits Default { get; } = new();

    /// <summary>How deep objects and arrays may nest.</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>How many values (including properties and array items) one decode may produce.</summary>
    public int MaxValues { get; init; } = 65_536;
}
