using Livepeer.Plugins.WebRtc.Dtls;
using Livepeer.Plugins.WebRtc.Srtp;
using Org.BouncyCastle.Crypto.Tls;
using Org.BouncyCastle.Security;

namespace Livepeer.Plugins.WebRtc.Tests.Dtls;

public sealed class DtlsHandshakeTests
{
    private static readonly DtlsCertificate ServerCertificate = DtlsCertificate.Generate(TimeProvider.System);
    private static readonly DtlsCertificate ClientCertificate = DtlsCertificate.Generate(TimeProvider.System);

    [Fact]
    public void Fingerprint_parses_and_prints_as_sdp_writes_it()
    {
        var text = ServerCertificate.Fingerprint.ToString();
        Assert.Matches("^sha-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}$", text);
        Assert.True(DtlsFingerprint.TryParse(text.ToLowerInvariant(), out var parsed));
        Assert.Equal(ServerCertificate.Fingerprint, parsed);
        Assert.False(DtlsFingerprint.TryParse("sha-256 AB:CD", out _));
        Assert.False(DtlsFingerprint.TryParse("md5 " + text[8..], out _));
        Assert.False(DtlsFingerprint.TryParse(new string('A', 5000), out _));
    }

    [Theory]
    [InlineData(SrtpProfile.AeadAes128Gcm)]
    [InlineData(SrtpProfile.AesCm128HmacSha1_80)]
    public async Task Handshake_with_bouncycastle_client_exports_the_same_keys(SrtpProfile profile)
    {
        var (server, client, result) = await Run(ClientCertificate.Fingerprint, profile);
        var (connection, keys) = await result;
        Assert.Equal(profile, keys.Profile);
        Assert.Equal(client.Keys, keys, KeysComparer.Instance);
        Assert.Equal(ServerCertificate.Fingerprint, client.ServerFingerprint);
        Assert.Null(server.Failure);

        // The keys work: what the client protects with its write key the server's inbound context opens.
        using var clientOut = new SrtpContext(profile, client.Keys!.ClientKey, client.Keys.ClientSalt);
        using var serverIn = new SrtpContext(profile, keys.ClientKey, keys.ClientSalt);
        var rtp = new byte[40];
        rtp[0] = 0x80;
        var protectedPacket = new byte[80];
        var n = clientOut.ProtectRtp(rtp, protectedPacket);
        Assert.Equal(SrtpStatus.Ok, serverIn.UnprotectRtp(protectedPacket.AsSpan(0, n), new byte[80], out _));
        connection.Close();
    }

    [Fact]
    public async Task A_client_certificate_that_does_not_match_the_fingerprint_is_refused()
    {
        var other = DtlsCertificate.Generate(TimeProvider.System);
        var (server, _, result) = await Run(other.Fingerprint, SrtpProfile.AeadAes128Gcm);
        var error = await Assert.ThrowsAsync<DtlsHandshakeException>(() => result);
        Assert.Contains("fingerprint", error.Message, StringComparison.Ordinal);
        Assert.NotNull(server.Failure);
    }

    [Fact]
    public async Task A_silent_client_times_out_in_bounded_time()
    {
        var server = new DtlsSrtpServer(ServerCertificate, ClientCertificate.Fingerprint);
        using var transport = new DtlsPacketTransport(_ => { }, () => { });
        var started = DateTime.UtcNow;
        await Assert.ThrowsAsync<DtlsHandshakeException>(() => DtlsHandshake.AcceptAsync(server, transport, TimeSpan.FromMilliseconds(300), TimeProvider.System));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Garbage_datagrams_do_not_complete_or_crash_the_handshake()
    {
        var server = new DtlsSrtpServer(ServerCertificate, ClientCertificate.Fingerprint);
        using var transport = new DtlsPacketTransport(_ => { }, () => { });
        var random = new Random(7983);
        for (var i = 0; i < 200; i++)
        {
            var junk = new byte[random.Next(1, 300)];
            random.NextBytes(junk);
            junk[0] = (byte)random.Next(20, 64);
            transport.Enqueue(junk);
        }

        await Assert.ThrowsAsync<DtlsHandshakeException>(() => DtlsHandshake.AcceptAsync(server, transport, TimeSpan.FromMilliseconds(500), TimeProvider.System));
    }

    private static async Task<(DtlsSrtpServer Server, TestDtlsClient Client, Task<(DtlsTransport, DtlsSrtpKeys)> Result)> Run(DtlsFingerprint expectedClient, SrtpProfile profile)
    {
        DtlsPacketTransport? serverSide = null;
        DtlsPacketTransport? clientSide = null;
        serverSide = new DtlsPacketTransport(d => clientSide!.Enqueue(d.ToArray()), () => { });
        clientSide = new DtlsPacketTransport(d => serverSide.Enqueue(d.ToArray()), () => { });
        var server = new DtlsSrtpServer(ServerCertificate, expectedClient);
        var client = new TestDtlsClient(ClientCertificate, profile);
        var result = DtlsHandshake.AcceptAsync(server, serverSide, TimeSpan.FromSeconds(20), TimeProvider.System);
        var clientTask = Task.Factory.StartNew(() => new DtlsClientProtocol(new SecureRandom()).Connect(client, clientSide), TaskCreationOptions.LongRunning);
        try
        {
            await Task.WhenAll(result, clientTask).WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (Exception) when (result.IsFaulted)
        {
            clientSide.ShutDown();
        }

        return (server, client, result);
    }

    private sealed class KeysComparer : IEqualityComparer<DtlsSrtpKeys?>
    {
        public static readonly KeysComparer Instance = new();

        public bool Equals(DtlsSrtpKeys? x, DtlsSrtpKeys? y) =>
            x is not null && y is not null && x.Profile == y.Profile && x.ClientKey.SequenceEqual(y.ClientKey) && x.ClientSalt.SequenceEqual(y.ClientSalt)
            && x.ServerKey.SequenceEqual(y.ServerKey) && x.ServerSalt.SequenceEqual(y.ServerSalt);

        public int GetHashCode(DtlsSrtpKeys? obj) => 0;
    }
}
