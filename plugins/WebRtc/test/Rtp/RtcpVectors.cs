namespace Livepeer.Plugins.WebRtc.Tests.Rtp;

/// <summary>RTCP datagrams as hex (RFC 3550, 4585, 5104 layouts) and malformed ones.</summary>
internal static class RtcpVectors
{
    public const string Pli = "81CE0002" + "00000001" + "6B8B4567";

    public const string Nack = "81CD0003" + "00000001" + "6B8B4567" + "0064" + "0005"; // 100, 101, 103

    public const string Fir = "84CE0004" + "00000001" + "00000000" + "6B8B4567" + "07000000";

    public const string ReceiverReport = "81C90007" + "00000001" + "6B8B4567" + "05" + "FFFFFE" + "00010064" + "00000020" + "12345678" + "00010000";

    public const string SenderReport = "80C80006" + "6B8B4567" + "E9F1A2B312345678" + "000F4240" + "00000064" + "00002710";

    public const string Sdes = "81CA0003" + "6B8B4567" + "0105" + "6162636465" + "00"; // cname "abcde", null item, no padding needed

    public const string Bye = "81CB0003" + "6B8B4567" + "04" + "646F6E65" + "000000"; // reason "done"

    /// <summary>Chromium's usual compound: RR + SDES (cname), then a REMB (PSFB FMT 15) kept as unknown.</summary>
    public const string ChromiumCompound = ReceiverReport + Sdes + "8FCE0005" + "00000001" + "00000000" + "52454D42" + "0107D0A5" + "6B8B4567";

    /// <summary>Name, hex, packet type names in order.</summary>
    public static TheoryData<string, string, string[]> Good => new()
    {
        { "PLI", Pli, ["RtcpPictureLossIndication"] },
        { "NACK", Nack, ["RtcpGenericNack"] },
        { "FIR", Fir, ["RtcpFullIntraRequest"] },
        { "RR", ReceiverReport, ["RtcpReceiverReport"] },
        { "SR", SenderReport, ["RtcpSenderReport"] },
        { "SDES", Sdes, ["RtcpSourceDescription"] },
        { "BYE", Bye, ["RtcpBye"] },
        { "Chromium compound", ChromiumCompound, ["RtcpReceiverReport", "RtcpSourceDescription", "RtcpUnknown"] },
        { "SR + SDES + BYE", SenderReport + Sdes + Bye, ["RtcpSenderReport", "RtcpSourceDescription", "RtcpBye"] },
    };

    public static TheoryData<string, string> Bad => new()
    {
        { "empty", "" },
        { "short", "81CE00" },
        { "version 1", "41CE0002" + "00000001" + "6B8B4567" },
        { "length past end", "81CE0009" + "00000001" + "6B8B4567" },
        { "RR blocks past body", "82C90007" + ReceiverReport[8..] },
        { "SR shorter than fields", "80C80002" + "6B8B4567" + "E9F1A2B3" },
        { "PLI without media ssrc", "81CE0001" + "00000001" },
        { "padding not last", "A1CE0002" + "00000001" + "6B8B4502" + Pli },
        { "padding zero", "A1CE0002" + "00000001" + "6B8B4500" },
        { "SDES item past end", "81CA0002" + "6B8B4567" + "01090000" },
        { "SDES chunk missing", "82CA0002" + "6B8B4567" + "00000000" },
        { "BYE reason past end", "81CB0002" + "6B8B4567" + "09646F6E" },
        { "trailing bytes", Pli + "80" },
    };
}
