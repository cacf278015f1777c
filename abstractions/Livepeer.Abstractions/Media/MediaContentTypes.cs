namespace Livepeer.Abstractions.Media;

/// <summary>MIME types used by segments and channels.</summary>
public static class MediaContentTypes
{
    /// <summary>MPEG transport stream (the case go-livepeer sends).</summary>
    public const string MpegTs = "video/MP2T";

    /// <summary>Fragmented or plain MP4.</summary>
    public const string Mp4 = "video/mp4";

    /// <summary>One JSON document (control and events channels).</summary>
    public const string Json = "application/json";

    /// <summary>Newline-separated JSON records (data channels).</summary>
    public const string JsonLines = "application/jsonl";
}
