namespace Livepeer.Plugins.Trickle.Core;

/// <summary>What became of bytes offered to a <see cref="SegmentBuffer"/>.</summary>
internal enum AppendResult
{
    /// <summary>Stored and visible to readers.</summary>
    Appended,

    /// <summary>The buffer was dropped (overwritten in its ring); the bytes were discarded.</summary>
    Dropped,

    /// <summary>Storing them would exceed the buffer's size limit; nothing was stored.</summary>
    TooLarge,
}
