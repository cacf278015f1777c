namespace Livepeer.Plugins.WebRtc.Rtp;

/// <summary>Opus packet facts needed to stamp RTP (RFC 7587: 48 kHz clock; the TOC byte, RFC 6716 §3.1).</summary>
public static class OpusPacket
{
    /// <summary>The RTP clock rate of Opus, whatever the coded bandwidth (RFC 7587 §4.1).</summary>
    public const int ClockRate = 48000;

    /// <summary>
    /// The packet's duration in 48 kHz samples from its TOC byte and frame count code; 0 for an empty or malformed
    /// packet (code 3 without its frame-count byte).
    /// </summary>
    public static int GetDuration(ReadOnlySpan<byte> packet)
    {
        if (packet.IsEmpty)
        {
            return 0;
        }

        var config = packet[0] >> 3;
        int frame = config switch
        {
            < 12 => (config & 3) switch { 0 => 480, 1 => 960, 2 => 1920, _ => 2880 }, // SILK 10/20/40/60 ms
            < 16 => (config & 1) == 0 ? 480 : 960, // hybrid 10/20 ms
            _ => (config & 3) switch { 0 => 120, 1 => 240, 2 => 480, _ => 960 }, // CELT 2.5/5/10/20 ms
        };
        var frames = (packet[0] & 3) switch
        {
            0 => 1,
            1 or 2 => 2,
            _ => packet.Length > 1 ? packet[1] & 0x3F : 0,
        };
        return frame * frames;
    }
}
