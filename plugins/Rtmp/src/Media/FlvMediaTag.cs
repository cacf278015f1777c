using Livepeer.Media.Flv;

namespace Livepeer.Plugins.Rtmp.Media;

/// <summary>An FLV body to send as an RTMP audio or video message at a millisecond timestamp.</summary>
internal readonly record struct FlvMediaTag(FlvTagType Type, uint Timestamp, ReadOnlyMemory<byte> Body);
