namespace Livepeer.Plugins.Trickle.Core;

/// <summary>What <see cref="ChannelRegistry.GetOrCreate"/> did.</summary>
internal enum CreateOutcome
{
    /// <summary>The channel already existed (its MIME type is kept).</summary>
    Existing,

    /// <summary>A new channel was created.</summary>
    Created,

    /// <summary>The name is not a valid channel name.</summary>
    InvalidName,

    /// <summary>The channel limit is reached.</summary>
    LimitReached,
}
