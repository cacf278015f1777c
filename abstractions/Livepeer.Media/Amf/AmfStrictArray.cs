namespace Livepeer.Media.Amf;

/// <summary>An AMF0 strict array (AMF0 spec §2.12): values by index.</summary>
/// <param name="Items">The values.</param>
public sealed record AmfStrictArray(IReadOnlyList<object?> Items);
