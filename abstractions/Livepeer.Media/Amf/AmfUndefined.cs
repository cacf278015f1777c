namespace Livepeer.Media.Amf;

/// <summary>The AMF0 undefined value (AMF0 spec §2.8), distinct from null.</summary>
public sealed class AmfUndefined
{
    private AmfUndefined()
    {
    }

    /// <summary>The single instance.</summary>
    public static AmfUndefined Instance { get; } = new();

    /// <inheritdoc />
    public override string ToString() => "undefined";
}
