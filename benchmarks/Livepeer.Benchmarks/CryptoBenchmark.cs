using System.Globalization;
using System.Security.Cryptography;
using Livepeer.Abstractions.Crypto;
using Livepeer.Host.Crypto;

namespace Livepeer.Benchmarks;

/// <summary>
/// Ethereum crypto on one thread (so "per second" is per core): keccak-256 of 64-byte inputs against .NET's
/// SHA-256 of the same inputs, and secp256k1 sign / recover with libsecp256k1 (what the node uses) against the
/// managed fallback, measured in the same run.
/// </summary>
internal static class CryptoBenchmark
{
    public static void Run(TimeSpan duration)
    {
        var inputs = Enumerable.Range(0, 1024).Select(_ => RandomNumberGenerator.GetBytes(64)).ToArray();
        var hash = new byte[32];
        var rows = new List<string[]>
        {
            Row("keccak256, 64 B (Livepeer.Abstractions)", Measure(duration, i => Keccak256.HashData(inputs[i & 1023], hash))),
            Row("SHA-256, 64 B (.NET, baseline)", Measure(duration, i => SHA256.HashData(inputs[i & 1023], hash))),
            Row("EIP-191 digest of a 32 B hash", Measure(duration, i => PersonalMessage.HashData(inputs[i & 1023].AsSpan(0, 32), hash))),
        };

        var native = NativeSecp256k1.TryCreate();
        var curves = native is null ? new ISecp256k1[] { new ManagedSecp256k1() } : [native, new ManagedSecp256k1()];
        foreach (var curve in curves)
        {
            var limit = curve is ManagedSecp256k1 ? duration / 2 : duration;
            var account = EthereumAccount.Create(curve);
            var verifier = new Secp256k1SignatureVerifier(curve);
            var digests = inputs.Take(64).Select(i => i[..32]).ToArray();
            var signatures = digests.Select(d =>
            {
                var s = new byte[65];
                account.SignDigest(d, s);
                return s;
            }).ToArray();
            var signature = new byte[65];
            rows.Add(Row($"sign ({curve.Name})", Measure(limit, i => account.SignDigest(digests[i & 63], signature))));
            rows.Add(Row($"recover + address ({curve.Name})", Measure(limit, i => verifier.TryRecover(digests[i & 63], signatures[i & 63], out _))));
            rows.Add(Row($"verify personal_sign of a 32 B hash ({curve.Name})", Measure(limit, i => verifier.VerifyMessage(account.Address, digests[i & 63], signatures[i & 63]))));
        }

        if (native is null)
        {
            Console.WriteLine("libsecp256k1.so.1 not found: install Debian's libsecp256k1-1 for the native rows.");
        }

        Console.WriteLine("Crypto, one thread:");
        Table.Print(["operation", "per second per core", "µs each"], rows);
    }

    private static string[] Row(string name, double perSecond) =>
    [
        name,
        perSecond.ToString("N0", CultureInfo.InvariantCulture),
        (1e6 / perSecond).ToString("0.00", CultureInfo.InvariantCulture),
    ];

    private static double Measure(TimeSpan duration, Action<int> operation) => Throughput.Measure(duration, operation, warmUp: 50);
}
