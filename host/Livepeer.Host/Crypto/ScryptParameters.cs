namespace Livepeer.Host.Crypto;

/// <summary>scrypt cost parameters for a new keystore file.</summary>
/// <param name="N">CPU/memory cost, a power of two.</param>
/// <param name="R">Block size.</param>
/// <param name="P">Parallelism.</param>
internal sealed record ScryptParameters(int N, int R, int P)
{
    /// <summary>go-ethereum's <c>StandardScryptN</c>/<c>StandardScryptP</c> (2¹⁸, 8, 1): 256 MiB and about a second per unlock.</summary>
    public static ScryptParameters Standard { get; } = new(1 << 18, 8, 1);

    /// <summary>go-ethereum's <c>LightScryptN</c>/<c>LightScryptP</c> (2¹², 8, 6).</summary>
    public static ScryptParameters Light { get; } = new(1 << 12, 8, 6);
}
