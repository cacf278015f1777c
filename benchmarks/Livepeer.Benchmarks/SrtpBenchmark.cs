using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Livepeer.Plugins.WebRtc.Srtp;

namespace Livepeer.Benchmarks;

/// <summary>
/// SRTP on one thread (so "per second" is per core) for 1200-byte RTP packets: protect and unprotect with both
/// profiles against .NET's raw primitives over the same bytes (AES-ECB as the AES-CTR equivalent, HMAC-SHA1, AES-GCM),
/// protect + a UDP send to 127.0.0.1, and the WHEP viewers per core that gives at 1.5 Mbps.
/// </summary>
internal static class SrtpBenchmark
{
    private const int PacketSize = 1200;

    public static void Run(TimeSpan duration)
    {
        var key = RandomNumberGenerator.GetBytes(16);
        var plain = new byte[PacketSize];
        RandomNumberGenerator.Fill(plain);
        plain[0] = 0x80;
        plain[1] = 96;
        var output = new byte[PacketSize + SrtpContext.MaxOverhead];
        var scratch = new byte[PacketSize];
        var rows = new List<string[]>();

        using var aes = Aes.Create();
        aes.Key = key;
        var blocks = new byte[(PacketSize + 15) & ~15];
        var keystream = new byte[blocks.Length];
        rows.Add(Row("AES-128-ECB over 1200 B (.NET, AES-CTR baseline)", Measure(duration, _ => aes.EncryptEcb(blocks, keystream, PaddingMode.None))));
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, key.Concat(key).Take(20).ToArray());
        var mac = new byte[20];
        rows.Add(Row("HMAC-SHA1 over 1200 B (.NET, baseline)", Measure(duration, _ =>
        {
            hmac.AppendData(plain);
            hmac.GetHashAndReset(mac);
        })));
        rows.Add(Row("AES-ECB + HMAC-SHA1, same bytes (sum of baselines)", 1 / ((1 / Measure(duration, _ => aes.EncryptEcb(blocks, keystream, PaddingMode.None))) + (1 / Measure(duration, _ =>
        {
            hmac.AppendData(plain);
            hmac.GetHashAndReset(mac);
        })))));
        using var gcm = new AesGcm(key, 16);
        var nonce = new byte[12];
        var tag = new byte[16];
        rows.Add(Row("AES-128-GCM over 1200 B (.NET AesGcm, baseline)", Measure(duration, _ => gcm.Encrypt(nonce, plain.AsSpan(12), scratch.AsSpan(12), tag, plain.AsSpan(0, 12)))));

        var profiles = new[] { SrtpProfile.AesCm128HmacSha1_80, SrtpProfile.AeadAes128Gcm };
        var protectRates = new Dictionary<SrtpProfile, double>();
        foreach (var profile in profiles)
        {
            var salt = RandomNumberGenerator.GetBytes(SrtpProfiles.MasterSaltLength(profile));
            using var sender = new SrtpContext(profile, key, salt);
            var sequence = 0;
            var rate = Measure(duration, _ =>
            {
                plain[2] = (byte)(sequence >> 8);
                plain[3] = (byte)sequence++;
                sender.ProtectRtp(plain, output);
            });
            protectRates[profile] = rate;
            rows.Add(Row($"SRTP protect ({profile})", rate));

            // Unprotect a ring of 4096 distinct packets from a fresh sender (ROC 0), with a fresh receiver per lap
            // (the replay window refuses repeats); every unprotect must succeed.
            using var ringSender = new SrtpContext(profile, key, salt);
            var ring = Enumerable.Range(0, 4096).Select(i =>
            {
                plain[2] = (byte)(i >> 8);
                plain[3] = (byte)i;
                var packet = new byte[PacketSize + SrtpContext.MaxOverhead];
                return packet[..ringSender.ProtectRtp(plain, packet)];
            }).ToArray();
            var receiver = new SrtpContext(profile, key, salt);
            rows.Add(Row($"SRTP unprotect ({profile})", Measure(duration, i =>
            {
                if ((i & 4095) == 0)
                {
                    receiver.Dispose();
                    receiver = new SrtpContext(profile, key, salt);
                }

                if (receiver.UnprotectRtp(ring[i & 4095], output, out _) != SrtpStatus.Ok)
                {
                    throw new InvalidOperationException("unprotect failed");
                }
            })));
            receiver.Dispose();
        }

        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        using var sink = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        sink.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var target = sink.LocalEndPoint!;
        using (var sender = new SrtpContext(SrtpProfile.AeadAes128Gcm, key, RandomNumberGenerator.GetBytes(12)))
        {
            var sequence = 0;
            var rate = Measure(duration, _ =>
            {
                plain[2] = (byte)(sequence >> 8);
                plain[3] = (byte)sequence++;
                var n = sender.ProtectRtp(plain, output);
                socket.SendTo(output.AsSpan(0, n), SocketFlags.None, target);
            });
            protectRates[(SrtpProfile)(-1)] = rate;
            rows.Add(Row("SRTP protect (GCM) + UDP send to 127.0.0.1", rate));
        }

        Console.WriteLine("SRTP, one thread, 1200-byte RTP packets:");
        Table.Print(["operation", "packets/s per core", "MB/s", "µs each"], rows);

        // 1.5 Mbps of 1200-byte packets is 156 packets/s per viewer.
        const double PacketsPerViewer = 1_500_000 / 8.0 / PacketSize;
        Console.WriteLine("WHEP fan-out estimate at 1.5 Mbps (156 packets/s per viewer), one core, SRTP only (packetizing excluded):");
        Table.Print(
            ["path", "viewers per core"],
            [
                ["protect, AES_CM_128_HMAC_SHA1_80", (protectRates[SrtpProfile.AesCm128HmacSha1_80] / PacketsPerViewer).ToString("N0", CultureInfo.InvariantCulture)],
                ["protect, AEAD_AES_128_GCM", (protectRates[SrtpProfile.AeadAes128Gcm] / PacketsPerViewer).ToString("N0", CultureInfo.InvariantCulture)],
                ["protect (GCM) + UDP send", (protectRates[(SrtpProfile)(-1)] / PacketsPerViewer).ToString("N0", CultureInfo.InvariantCulture)],
            ]);
    }

    private static string[] Row(string name, double perSecond) =>
    [
        name,
        perSecond.ToString("N0", CultureInfo.InvariantCulture),
        (perSecond * PacketSize / 1e6).ToString("N0", CultureInfo.InvariantCulture),
        (1e6 / perSecond).ToString("0.00", CultureInfo.InvariantCulture),
    ];

    private static double Measure(TimeSpan duration, Action<int> operation) => Throughput.Measure(duration, operation, warmUp: 200);
}
