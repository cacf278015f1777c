namespace Livepeer.Host.Crypto;

/// <summary>Picks the secp256k1 implementation once per process: libsecp256k1 when it loads, else managed.</summary>
internal static class Secp256k1
{
    private static readonly Lazy<ISecp256k1> DefaultInstance = new(() => (ISecp256k1?)NativeSecp256k1.TryCreate() ?? new ManagedSecp256k1());

    /// <summary>The implementation the node uses.</summary>
    public static ISecp256k1 Default => DefaultInstance.Value;

    /// <summary>True when the default is the native library.</summary>
    public static bool IsNative => Default is NativeSecp256k1;
}
