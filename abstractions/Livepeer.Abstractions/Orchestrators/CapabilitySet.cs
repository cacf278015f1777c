using System.Collections;

namespace Livepeer.Abstractions.Orchestrators;

/// <summary>
/// An immutable set of <see cref="Capability"/> values with the wire's bitstring form:
/// capability <c>c</c> is bit <c>c % 64</c> of word <c>c / 64</c>.
/// </summary>
public sealed class CapabilitySet : IEquatable<CapabilitySet>, IReadOnlyCollection<Capability>
{
    private readonly ulong[] _words;

    private CapabilitySet(ulong[] words) => _words = Trim(words);

    /// <summary>The empty set.</summary>
    public static CapabilitySet Empty { get; } = new([]);

    /// <summary>The capabilities every H.264 transcoding node has had since before capabilities existed.</summary>
    public static CapabilitySet Legacy { get; } = Of(
        Capability.H264, Capability.MpegTs, Capability.Mp4, Capability.FractionalFramerates,
        Capability.StorageDirect, Capability.StorageS3, Capability.StorageGcs, Capability.ProfileH264Baseline,
        Capability.ProfileH264Main, Capability.ProfileH264High, Capability.ProfileH264ConstrainedHigh, Capability.Gop);

    /// <summary>A set of the given capabilities.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative capability number.</exception>
    public static CapabilitySet Of(params IEnumerable<Capability> capabilities)
    {
        ArgumentNullException.ThrowIfNull(capabilities);
        var words = new List<ulong>();
        foreach (var capability in capabilities)
        {
            var bit = (int)capability;
            ArgumentOutOfRangeException.ThrowIfNegative(bit, nameof(capabilities));
            while (words.Count <= bit / 64)
            {
                words.Add(0);
            }

            words[bit / 64] |= 1UL << (bit % 64);
        }

        return new CapabilitySet([.. words]);
    }

    /// <summary>A set from the wire's bitstring words.</summary>
    public static CapabilitySet FromBitstring(IEnumerable<ulong> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        return new CapabilitySet([.. words]);
    }

    /// <summary>The wire's bitstring words, without trailing zero words.</summary>
    public IReadOnlyList<ulong> Bitstring => _words;

    /// <summary>Number of capabilities in the set.</summary>
    public int Count => _words.Sum(w => System.Numerics.BitOperations.PopCount(w));

    /// <summary>True when the set holds <paramref name="capability"/>.</summary>
    public bool Contains(Capability capability)
    {
        var bit = (int)capability;
        return bit >= 0 && bit / 64 < _words.Length && (_words[bit / 64] & (1UL << (bit % 64))) != 0;
    }

    /// <summary>True when every capability of this set is in <paramref name="other"/>.</summary>
    public bool IsSubsetOf(CapabilitySet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var i = 0; i < _words.Length; i++)
        {
            var theirs = i < other._words.Length ? other._words[i] : 0;
            if ((_words[i] & ~theirs) != 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>This set plus <paramref name="capabilities"/>.</summary>
    public CapabilitySet With(params IEnumerable<Capability> capabilities) => Of(this.Concat(capabilities));

    /// <inheritdoc />
    public IEnumerator<Capability> GetEnumerator()
    {
        for (var i = 0; i < _words.Length; i++)
        {
            for (var bit = 0; bit < 64; bit++)
            {
                if ((_words[i] & (1UL << bit)) != 0)
                {
                    yield return (Capability)((i * 64) + bit);
                }
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public bool Equals(CapabilitySet? other) => other is not null && _words.AsSpan().SequenceEqual(other._words);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as CapabilitySet);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var word in _words)
        {
            hash.Add(word);
        }

        return hash.ToHashCode();
    }

    /// <summary>The capability names, comma-separated.</summary>
    public override string ToString() => string.Join(',', this);

    private static ulong[] Trim(ulong[] words)
    {
        var length = words.Length;
        while (length > 0 && words[length - 1] == 0)
        {
            length--;
        }

        return length == words.Length ? words : words[..length];
    }
}
