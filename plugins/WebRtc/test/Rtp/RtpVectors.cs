namespace Livepeer.Plugins.WebRtc.Tests.Rtp;

/// <summary>RTP packets as hex: well-formed (with their parsed fields) and malformed.</summary>
internal static class RtpVectors
{
    /// <summary>hex, marker, pt, seq, timestamp, ssrc, csrc count, extension profile (-1 none), payload hex.</summary>
    public static TheoryData<string, bool, int, int, uint, uint, int, int, string> Good => new()
    {
        // Minimal: V=2, PT 96, seq 1, ts 0x00000100, ssrc 0x01020304, payload 'AA BB'.
        { "80600001000001000102030 4AABB".Replace(" ", "", StringComparison.Ordinal), false, 96, 1, 0x100, 0x01020304, 0, -1, "AABB" },

        // Marker, PT 111, seq 0xFFFF, two CSRCs.
        { "82EFFFFF1234567800000001" + "0000000A0000000B" + "01020304", true, 111, 0xFFFF, 0x12345678, 1, 2, -1, "01020304" },

        // One-byte header extension (0xBEDE, 1 word: id 4 len 0 mid='1', padding) as Chromium sends.
        { "906600100000271000003039" + "BEDE0001" + "40310000" + "7C85", false, 102, 0x10, 10000, 12345, 0, 0xBEDE, "7C85" },

        // Padding: 3 padding bytes, the last holding the count.
        { "A0600002000000000000000" + "1" + "DEAD000003", false, 96, 2, 0, 1, 0, -1, "DEAD" },

        // Empty payload (keep-alive/probe).
        { "806000030000000000000001", false, 96, 3, 0, 1, 0, -1, "" },
    };

    /// <summary>Malformed packets: reason and hex.</summary>
    public static TheoryData<string, string> Bad => new()
    {
        { "empty", "" },
        { "short header", "80600001000001" },
        { "version 1", "406000010000010001020304" },
        { "CSRC list past end", "8F6000010000010001020304" + "00000001" },
        { "extension truncated", "906000010000010001020304BEDE" },
        { "extension length past end", "906000010000010001020304BEDE000A00000000" },
        { "padding zero", "A0600001000001000102030400" },
        { "padding larger than payload", "A060000100000100010203040A" },
    };
}
