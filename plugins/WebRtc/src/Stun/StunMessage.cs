using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Livepeer.Plugins.WebRtc.Stun;

/// <summary>
/// A parsed STUN message (RFC 8489 §5 header, §14 attributes; RFC 5389 is wire-identical for what ICE uses). Parsing
/// copies the datagram once; attribute values are slices of that copy. MESSAGE-INTEGRITY and FINGERPRINT are checked
/// on demand by <see cref="VerifyIntegrity"/> and <see cref="VerifyFingerprint"/>.
/// </summary>
public sealed class StunMessage
{
    /// <summary>Attributes beyond this count make the message malformed (an ICE check carries about eight).</summary>
    public const int MaxAttributes = 32;

    private readonly byte[] _raw;
    private readonly List<(ushort Type, int Offset, int Length)> _attributes;
    private readonly int _integrityOffset;
    private readonly int _fingerprintOffset;

    private StunMessage(byte[] raw, ushort method, StunClass messageClass, List<(ushort, int, int)> attributes, int integrityOffset, int fingerprintOffset)
    {
        _raw = raw;
        Method = method;
        Class = messageClass;
        _attributes = attributes;
        _integrityOffset = integrityOffset;
        _fingerprintOffset = fingerprintOffset;
    }

    /// <summary>The method (<see cref="StunConstants.BindingMethod"/> for ICE).</summary>
    public ushort Method { get; }

    /// <summary>The class.</summary>
    public StunClass Class { get; }

    /// <summary>The 96-bit transaction id.</summary>
    public ReadOnlySpan<byte> TransactionId => _raw.AsSpan(8, 12);

    /// <summary>The attribute types in order (duplicates kept).</summary>
    public IEnumerable<ushort> AttributeTypes => _attributes.Select(a => a.Type);

    /// <summary>True when the message carries MESSAGE-INTEGRITY.</summary>
    public bool HasIntegrity => _integrityOffset >= 0;

    /// <summary>True when the message carries FINGERPRINT.</summary>
    public bool HasFingerprint => _fingerprintOffset >= 0;

    /// <summary>USERNAME as UTF-8 text, or null (§14.3).</summary>
    public string? Username => Text(StunConstants.Username);

    /// <summary>SOFTWARE as UTF-8 text, or null (§14.14).</summary>
    public string? Software => Text(StunConstants.Software);

    /// <summary>PRIORITY, or null (RFC 8445 §7.1.1).</summary>
    public uint? Priority => Value(StunConstants.Priority) is { Length: 4 } v ? BinaryPrimitives.ReadUInt32BigEndian(v) : null;

    /// <summary>True when USE-CANDIDATE is present (RFC 8445 §7.1.2).</summary>
    public bool UseCandidate => _attributes.Exists(a => a.Type == StunConstants.UseCandidate);

    /// <summary>ICE-CONTROLLING's tie-breaker, or null (RFC 8445 §7.1.3).</summary>
    public ulong? IceControlling => Value(StunConstants.IceControlling) is { Length: 8 } v ? BinaryPrimitives.ReadUInt64BigEndian(v) : null;

    /// <summary>ICE-CONTROLLED's tie-breaker, or null (RFC 8445 §7.1.3).</summary>
    public ulong? IceControlled => Value(StunConstants.IceControlled) is { Length: 8 } v ? BinaryPrimitives.ReadUInt64BigEndian(v) : null;

    /// <summary>XOR-MAPPED-ADDRESS decoded (§14.2), or null when absent or malformed.</summary>
    public IPEndPoint? XorMappedAddress
    {
        get
        {
            var v = Value(StunConstants.XorMappedAddress);
            if (v is null || v.Length < 4)
            {
                return null;
            }

            var port = BinaryPrimitives.ReadUInt16BigEndian(v.AsSpan(2)) ^ (StunConstants.MagicCookie >> 16);
            var family = v[1];
            var length = family switch { 1 => 4, 2 => 16, _ => 0 };
            if (length == 0 || v.Length != 4 + length)
            {
                return null;
            }

            // The address is XORed with the cookie, then (IPv6) the transaction id: bytes 4..20 of the header.
            var address = new byte[length];
            for (var i = 0; i < length; i++)
            {
                address[i] = (byte)(v[4 + i] ^ _raw[4 + i]);
            }

            return new IPEndPoint(new IPAddress(address), (int)port);
        }
    }

    /// <summary>ERROR-CODE as (code, reason), or null (§14.8).</summary>
    public (int Code, string Reason)? ErrorCode
    {
        get
        {
            var v = Value(StunConstants.ErrorCode);
            if (v is null || v.Length < 4)
            {
                return null;
            }

            return (((v[2] & 0x07) * 100) + v[3], Encoding.UTF8.GetString(v, 4, v.Length - 4));
        }
    }

    /// <summary>Parses one datagram.</summary>
    /// <exception cref="StunFormatException">Not a well-formed STUN message.</exception>
    public static StunMessage Parse(ReadOnlySpan<byte> datagram) =>
        TryParse(datagram, out var message, out var error) ? message : throw new StunFormatException(error, $"not a well-formed STUN message: {error}");

    /// <summary>Parses one datagram; false with the reason when it is not well-formed STUN.</summary>
    public static bool TryParse(ReadOnlySpan<byte> datagram, [NotNullWhen(true)] out StunMessage? message, out StunFormatError error)
    {
        message = null;
        if (datagram.Length < StunConstants.HeaderLength)
        {
            error = StunFormatError.TooShort;
            return false;
        }

        var type = BinaryPrimitives.ReadUInt16BigEndian(datagram);
        if ((type & 0xC000) != 0 || BinaryPrimitives.ReadUInt32BigEndian(datagram[4..]) != StunConstants.MagicCookie)
        {
            error = StunFormatError.NotStun;
            return false;
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(datagram[2..]);
        if ((length & 3) != 0 || length + StunConstants.HeaderLength != datagram.Length)
        {
            error = StunFormatError.BadLength;
            return false;
        }

        var attributes = new List<(ushort, int, int)>();
        int integrity = -1, fingerprint = -1;
        var offset = StunConstants.HeaderLength;
        while (offset < datagram.Length)
        {
            if (fingerprint >= 0)
            {
                error = StunFormatError.BadIntegrityPlacement; // §14.7: FINGERPRINT is the last attribute
                return false;
            }

            if (attributes.Count == MaxAttributes)
            {
                error = StunFormatError.TooManyAttributes;
                return false;
            }

            if (datagram.Length - offset < 4)
            {
                error = StunFormatError.TruncatedAttribute;
                return false;
            }

            var attributeType = BinaryPrimitives.ReadUInt16BigEndian(datagram[offset..]);
            int attributeLength = BinaryPrimitives.ReadUInt16BigEndian(datagram[(offset + 2)..]);
            var padded = (attributeLength + 3) & ~3;
            if (padded > datagram.Length - offset - 4)
            {
                error = StunFormatError.TruncatedAttribute;
                return false;
            }

            if (attributeType == StunConstants.Fingerprint)
            {
                if (attributeLength != 4)
                {
                    error = StunFormatError.BadIntegrityPlacement;
                    return false;
                }

                fingerprint = offset;
            }
            else if (attributeType == StunConstants.MessageIntegrity)
            {
                if (attributeLength != 20 || integrity >= 0)
                {
                    error = StunFormatError.BadIntegrityPlacement;
                    return false;
                }

                integrity = offset;
            }
            else if (integrity >= 0)
            {
                // §14.5: attributes after MESSAGE-INTEGRITY (other than FINGERPRINT) are ignored.
                offset += 4 + padded;
                continue;
            }

            attributes.Add((attributeType, offset + 4, attributeLength));
            offset += 4 + padded;
        }

        message = new StunMessage(datagram.ToArray(), (ushort)(((type & 0x3E00) >> 2) | ((type & 0x00E0) >> 1) | (type & 0x000F)), (StunClass)(((type >> 7) & 2) | ((type >> 4) & 1)), attributes, integrity, fingerprint);
        error = default;
        return true;
    }

    /// <summary>
    /// True when FINGERPRINT is present and equals CRC-32 of everything before it XOR 0x5354554E (RFC 8489 §14.7).
    /// </summary>
    public bool VerifyFingerprint()
    {
        if (_fingerprintOffset < 0)
        {
            return false;
        }

        var expected = BinaryPrimitives.ReadUInt32BigEndian(_raw.AsSpan(_fingerprintOffset + 4));
        return (Crc32.Compute(_raw.AsSpan(0, _fingerprintOffset)) ^ StunConstants.FingerprintXor) == expected;
    }

    /// <summary>
    /// True when MESSAGE-INTEGRITY is present and is HMAC-SHA1 keyed with <paramref name="key"/> (for ICE: the UTF-8 ice-pwd,
    /// RFC 8445 §7.2.2) over the message up to it, with the header length covering it (RFC 8489 §14.5). Constant time.
    /// </summary>
    public bool VerifyIntegrity(ReadOnlySpan<byte> key)
    {
        if (_integrityOffset < 0)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[StunConstants.HeaderLength];
        _raw.AsSpan(0, StunConstants.HeaderLength).CopyTo(header);
        BinaryPrimitives.WriteUInt16BigEndian(header[2..], (ushort)(_integrityOffset + 24 - StunConstants.HeaderLength));
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, key);
        hmac.AppendData(header);
        hmac.AppendData(_raw.AsSpan(StunConstants.HeaderLength, _integrityOffset - StunConstants.HeaderLength));
        Span<byte> mac = stackalloc byte[20];
        hmac.GetHashAndReset(mac);
        return CryptographicOperations.FixedTimeEquals(mac, _raw.AsSpan(_integrityOffset + 4, 20));
    }

    /// <summary>The first value of attribute <paramref name="type"/> (a copy), or null.</summary>
    public byte[]? Value(ushort type)
    {
        foreach (var (t, offset, length) in _attributes)
        {
            if (t == type)
            {
                return _raw.AsSpan(offset, length).ToArray();
            }
        }

        return null;
    }

    private string? Text(ushort type)
    {
        var v = Value(type);
        if (v is null)
        {
            return null;
        }

        try
        {
            return new UTF8Encoding(false, true).GetString(v);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
