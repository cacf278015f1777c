using Livepeer.Media.H264;
using Livepeer.Media.MpegTs;
using Livepeer.Plugins.WebRtc.Rtp;
using Livepeer.Plugins.WebRtc.Tests.Media;

namespace Livepeer.Plugins.WebRtc.Tests.Rtp;

public sealed class H264RtpTests
{
    [Theory]
    [MemberData(nameof(H264PayloadVectors.Cases), MemberType = typeof(H264PayloadVectors))]
    public void DepacketizesVectors(string name, string[] payloads, string annexB)
    {
        var depacketizer = new H264Depacketizer();
        var units = new List<H264AccessUnit>();
        for (var i = 0; i < payloads.Length; i++)
        {
            units.AddRange(depacketizer.Push(Packet(payloads[i], (ushort)i, 9000, i == payloads.Length - 1)).ToList());
        }

        if (annexB.Length == 0)
        {
            Assert.True(units.Count == 0 || units.All(u => u.Data.IsEmpty), name);
            Assert.True(depacketizer.DroppedPackets + depacketizer.DroppedFragments > 0, name);
            return;
        }

        var au = Assert.Single(units);
        Assert.Equal(annexB, Convert.ToHexString(au.Data.Span));
        Assert.Equal(9000, au.Pts);
    }

    [Fact]
    public void TimestampChangeClosesAnAccessUnitWithoutMarker()
    {
        var depacketizer = new H264Depacketizer();
        Assert.Empty(depacketizer.Push(Packet("6588840021", 0, 0, marker: false)));
        var au = Assert.Single(depacketizer.Push(Packet("4188840021", 1, 3000, marker: false)));
        Assert.Equal(0, au.Pts);
        Assert.True(au.IsKeyframe);
        Assert.Equal(3000, depacketizer.Flush()!.Pts);
    }

    [Fact]
    public void LossInsideAFragmentDropsOnlyThatNalUnit()
    {
        var depacketizer = new H264Depacketizer();
        depacketizer.Push(Packet("7C85" + "8884", 0, 0, false));
        depacketizer.Push(Packet("7C05" + "0021", 1, 0, false));

        // seq 2 (the FU-A end) is lost; the next slice of the same picture survives.
        var au = Assert.Single(depacketizer.Push(Packet("6588C0AA", 3, 0, true)));
        Assert.Equal("000000016588C0AA", Convert.ToHexString(au.Data.Span));
        Assert.Equal(1, depacketizer.SequenceGaps);
        Assert.Equal(1, depacketizer.DroppedFragments);
    }

    [Fact]
    public void FuzzedPayloadsNeverThrow()
    {
        var random = new Random(6184);
        var seeds = H264PayloadVectors.Cases.SelectMany(r => (string[])r[1]).Select(Convert.FromHexString).ToArray();
        var depacketizer = new H264Depacketizer();
        for (var i = 0; i < 20000; i++)
        {
            var payload = seeds[random.Next(seeds.Length)].ToArray();
            if (payload.Length > 0)
            {
                payload[random.Next(payload.Length)] = (byte)random.Next(256);
            }

            var packet = new RtpPacket { Payload = payload, SequenceNumber = (ushort)random.Next(8), Timestamp = (uint)random.Next(3), Marker = random.Next(3) == 0 };
            foreach (var au in depacketizer.Push(packet))
            {
                Assert.True(au.Data.Length < 1024);
            }
        }
    }

    [Fact]
    public void PacketizerFragmentsAtTheMtuAndMarksTheLastPacket()
    {
        var nal = new byte[5000];
        nal[0] = 0x65;
        nal.AsSpan(1).Fill(0xAB);
        var payloads = new List<byte[]>();
        var count = new H264Packetizer().Packetize([0, 0, 0, 1, .. nal, 0, 0, 0, 1, 0x65, 0x00, 0x11], payloads);
        Assert.Equal(6, count); // ceil(4999 / 1198) = 5 fragments + the small second slice
        Assert.All(payloads, p => Assert.InRange(p.Length, 1, 1200));
        Assert.Equal(0x7C, payloads[0][0]);
        Assert.Equal(0x85, payloads[0][1]);
        Assert.Equal(0x45, payloads[4][1]);
        Assert.Equal([0x65, 0x00, 0x11], payloads[5]);
    }

    [Fact]
    public void ParameterSetsGoBeforeEveryIdrThatLacksThem()
    {
        var packetizer = new H264Packetizer();
        var payloads = new List<byte[]>();
        packetizer.Packetize(Convert.FromHexString("00000001" + "0910" + "00000001" + "6742C01F" + "00000001" + "68CE" + "00000001" + "658884"), payloads);
        Assert.Equal(["78" + "0004" + "6742C01F" + "0002" + "68CE", "658884"], payloads.Select(Convert.ToHexString)); // AUD dropped, STAP-A
        payloads.Clear();
        packetizer.Packetize(Convert.FromHexString("00000001" + "419A01"), payloads);
        Assert.Equal(["419A01"], payloads.Select(Convert.ToHexString));
        payloads.Clear();
        packetizer.Packetize(Convert.FromHexString("00000001" + "658801"), payloads);
        Assert.Equal(["78" + "0004" + "6742C01F" + "0002" + "68CE", "658801"], payloads.Select(Convert.ToHexString));

        payloads.Clear();
        new H264Packetizer(aggregateParameterSets: false).Packetize(Convert.FromHexString("00000001" + "6742C01F" + "00000001" + "68CE" + "00000001" + "658884"), payloads);
        Assert.Equal(["6742C01F", "68CE", "658884"], payloads.Select(Convert.ToHexString));
    }

    [Fact]
    public void RealX264StreamRoundTripsAccessUnitByAccessUnit()
    {
        // x264 zerolatency with several slices per picture: every picture must come back as one access unit.
        var video = X264Stream.Frames().Where(f => f.Track.Codec == TsCodec.H264).ToList();
        Assert.True(video.Count >= 100);
        Assert.True(video.Count(f => CountSlices(f.Data) >= 2) > video.Count / 2);
        var packetizer = new H264Packetizer();
        var depacketizer = new H264Depacketizer();
        var writer = new RtpStreamWriter(0x1234, 102, 65000); // wraps the sequence number on the way
        var back = new List<H264AccessUnit>();
        var payloads = new List<byte[]>();
        foreach (var frame in video)
        {
            payloads.Clear();
            packetizer.Packetize(frame.Data, payloads);
            for (var i = 0; i < payloads.Count; i++)
            {
                var wire = writer.Next(payloads[i], (uint)frame.Pts, i == payloads.Count - 1).ToArray();
                back.AddRange(depacketizer.Push(RtpPacket.Parse(wire)));
            }
        }

        Assert.Equal(video.Count, back.Count);
        for (var i = 0; i < video.Count; i++)
        {
            Assert.Equal((uint)video[i].Pts, (uint)back[i].Pts);
            Assert.Equal(video[i].Keyframe, back[i].IsKeyframe);
            Assert.Equal(WithoutAud(video[i].Data), Convert.ToHexString(back[i].Data.Span));
        }

        Assert.Equal(0, depacketizer.SequenceGaps);
    }

    internal static int CountSlices(ReadOnlySpan<byte> annexB)
    {
        var n = 0;
        foreach (var nal in AnnexB.EnumerateNalUnits(annexB))
        {
            n += NalUnit.IsVcl(NalUnit.GetType(nal)) ? 1 : 0;
        }

        return n;
    }

    private static string WithoutAud(ReadOnlySpan<byte> annexB)
    {
        var parts = new List<string>();
        foreach (var nal in AnnexB.EnumerateNalUnits(annexB))
        {
            if (NalUnit.GetType(nal) != NalUnitType.AccessUnitDelimiter)
            {
                parts.Add("00000001" + Convert.ToHexString(nal));
            }
        }

        return string.Concat(parts);
    }

    private static RtpPacket Packet(string payloadHex, ushort sequence, uint timestamp, bool marker) =>
        new() { PayloadType = 102, SequenceNumber = sequence, Timestamp = timestamp, Marker = marker, Ssrc = 1, Payload = Convert.FromHexString(payloadHex) };
}
