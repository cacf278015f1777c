namespace Livepeer.Plugins.WebRtc.Tests.Rtp;

/// <summary>H.264 RTP payload vectors (RFC 6184): packets of one access unit and the NAL units they yield.</summary>
internal static class H264PayloadVectors
{
    /// <summary>Name, payload hexes (one per packet, the last with the marker), expected Annex B of the access unit ("" for none).</summary>
    public static TheoryData<string, string[], string> Cases => new()
    {
        { "single NAL", ["6588840021"], "000000016588840021" },
        { "two slices in two packets", ["65888400", "654000AA"], "000000016588840000000001" + "654000AA" },
        { "STAP-A SPS+PPS then IDR", ["78" + "0004" + "6742C01F" + "0002" + "68CE", "65888400"], "000000016742C01F0000000168CE0000000165888400" },
        { "FU-A in three parts", ["7C85" + "8884", "7C05" + "0021", "7C45" + "FFEE"], "0000000165888400" + "21FFEE" },
        { "FU-A missing start", ["7C05" + "0021", "7C45" + "FFEE"], "" },
        { "FU-A missing end", ["7C85" + "8884", "7C05" + "0021"], "" },
        { "STAP-A truncated size", ["78" + "0010" + "6742"], "" },
        { "STAP-A size zero", ["78" + "0000"], "" },
        { "STAP-B dropped", ["79" + "0000" + "0002" + "6588"], "" },
        { "MTAP dropped", ["7A00"], "" },
        { "FU-B dropped", ["7D850000"], "" },
        { "FU-A one byte", ["7C"], "" },
        { "forbidden bit", ["E588"], "" },
        { "type 0", ["6088"], "" },
    };
}
