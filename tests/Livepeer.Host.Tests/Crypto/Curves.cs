using Livepeer.Host.Crypto;

namespace Livepeer.Host.Tests.Crypto;

/// <summary>Both secp256k1 implementations, so every property is checked on each. test.sh installs libsecp256k1-1.</summary>
internal static class Curves
{
    private static readonly Lazy<NativeSecp256k1?> Native = new(NativeSecp256k1.TryCreate);

    public static TheoryData<string> Names => new() { "native", "managed" };

    public static ISecp256k1 Get(string name) => name switch
    {
        "native" => Native.Value ?? throw new InvalidOperationException("libsecp256k1.so.1 is missing: install Debian's libsecp256k1-1 (./test.sh does)"),
        _ => new ManagedSecp256k1(),
    };
}
