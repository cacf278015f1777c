using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Livepeer.Plugins.WebRtc.Stun;

/// <summary>
/// Writes a STUN message (RFC 8489 §5): attributes in the order added, then MESSAGE-INTEGRITY (§14.5) and FINGERPRINT
/// (§14.7) when asked, each computed with the header length covering it.
/// </summary>
public sealed class StunMessageBuilder
{
    private readonly MemoryStream _body = new();
    private readonly ushort _type;
    private readonly byte[] _transactionId;

    /// <summary>Starts a message of <paramref name="messageClass"/> and <paramref name="method"/>.</summary>
    /// <param name="messageClass">The class.</param>
    /// <param name="method">The 12-bit method.</param>
    /// <param name="transactionId">12 bytes; a response copies the request's (§6.3).</param>
    public StunMessageBuilder(StunClass messageClass, ushort method, ReadOnlySpan<byte> transactionId)
    {
        if (transactionId.Length != 12)
        {
            throw new ArgumentException("a transaction id is 12 bytes", nameof(transactionId));
        }

        var c = (int)messageClass;
        // §5: M11..M7, C1, M6..M4, C0, M3..M0.
        _type = (ushort)(((method & 0xF80) << 2) | ((method & 0x070) << 1) | (method & 0x00F) | ((c & 2) << 7) | ((c & 1) << 4));
        _transactionId = transactionId.ToArray();
    }

    /// <summary>
    /// The byte attribute values are padded with (RFC 8489 §14: any value, ignored on receipt); zero unless set.
    /// RFC 5769's samples pad with spaces, which this reproduces.
    /// </summary>
    public byte PaddingByte { get; init; }

    /// <summary>Adds an attribute; the value is padded to 4 bytes with <see cref="PaddingByte"/>.</summary>
    public StunMessageBuilder Add(ushort type, ReadOnlySpan<byte> value)
    {
        if (value.Length > 0xFFFF - 4)
        {
            throw new ArgumentException("attribute value too long", nameof(value));
        }

        Span<byte> header = stackalloc byte[4];
        BinaryPrimitives.WriteUInt16BigEndian(header, type);
        BinaryPrimitives.WriteUInt16BigEndian(header[2..], (ushort)value.Length);
        _body.Write(header);
        _body.Write(value);
        Span<byte> padding = stackalloc byte[(4 - (value.Length & 3)) & 3];
        padding.Fill(PaddingByte);
        _body.Write(padding);
        return this;
    }

    /// <summary>Adds USERNAME (§14.3).</summary>
    public StunMessageBuilder AddUsername(string username) => Add(StunConstants.Username, Encoding.UTF8.GetBytes(username));

    /// <summary>Adds SOFTWARE (§14.14).</summary>
    public StunMessageBuilder AddSoftware(string software) => Add(StunConstants.Software, Encoding.UTF8.GetBytes(software));

    /// <summary>Adds PRIORITY (RFC 8445 §7.1.1).</summary>
    public StunMessageBuilder AddPriority(uint priority)
    {
        Span<byte> v = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(v, priority);
        return Add(StunConstants.Priority, v);
    }

    /// <summary>Adds USE-CANDIDATE (RFC 8445 §7.1.2, empty value).</summary>
    public StunMessageBuilder AddUseCandidate() => Add(StunConstants.UseCandidate, []);

    /// <summary>Adds ICE-CONTROLLING (RFC 8445 §7.1.3).</summary>
    public StunMessageBuilder AddIceControlling(ulong tieBreaker) => AddUInt64(StunConstants.IceControlling, tieBreaker);

    /// <summary>Adds ICE-CONTROLLED (RFC 8445 §7.1.3).</summary>
    public StunMessageBuilder AddIceControlled(ulong tieBreaker) => AddUInt64(StunConstants.IceControlled, tieBreaker);

    /// <summary>Adds ERROR-CODE (§14.8): class and number from <paramref name="code"/> (300–699) and a reason phrase.</summary>
    public StunMessageBuilder AddErrorCode(int code, string reason)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(code, 300);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(code, 699);
        var text = Encoding.UTF8.GetBytes(reason);
        var v = new byte[4 + text.Length];
        v[2] = (byte)(code / 100);
        v[3] = (byte)(code % 100);
        text.CopyTo(v, 4);
        return Add(StunConstants.ErrorCode, v);
    }

    /// <summary>Adds XOR-MAPPED-ADDRESS (§14.2): port XOR the cookie's top half, address XOR cookie (+ transaction id).</summary>
    public StunMessageBuilder AddXorMappedAddress(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        var address = endPoint.Address.IsIPv4MappedToIPv6 ? endPoint.Address.MapToIPv4() : endPoint.Address;
        var bytes = address.GetAddressBytes();
        var v = new byte[4 + bytes.Length];
        v[1] = address.AddressFamily == AddressFamily.InterNetwork ? (byte)1 : (byte)2;
        BinaryPrimitives.WriteUInt16BigEndian(v.AsSpan(2), (ushort)(endPoint.Port ^ (StunConstants.MagicCookie >> 16)));
        Span<byte> mask = stackalloc byte[16];
        BinaryPrimitives.WriteUInt32BigEndian(mask, StunConstants.MagicCookie);
        _transactionId.CopyTo(mask[4..]);
        for (var i = 0; i < bytes.Length; i++)
        {
            v[4 + i] = (byte)(bytes[i] ^ mask[i]);
        }

        return Add(StunConstants.XorMappedAddress, v);
    }

    /// <summary>
    /// The message bytes, with MESSAGE-INTEGRITY keyed by <paramref name="integrityKey"/> when given and FINGERPRINT when
    /// <paramref name="fingerprint"/> (ICE requires both on checks and their responses, RFC 8445 §7.2.2, §7.3).
    /// </summary>
    public byte[] Build(ReadOnlySpan<byte> integrityKey = default, bool fingerprint = true)
    {
        var body = _body.ToArray();
        var withIntegrity = !integrityKey.IsEmpty;
        var total = StunConstants.HeaderLength + body.Length + (withIntegrity ? 24 : 0) + (fingerprint ? 8 : 0);
        var message = new byte[total];
        BinaryPrimitives.WriteUInt16BigEndian(message, _type);
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(4), StunConstants.MagicCookie);
        _transactionId.CopyTo(message, 8);
        body.CopyTo(message, StunConstants.HeaderLength);
        var offset = StunConstants.HeaderLength + body.Length;
        if (withIntegrity)
        {
            BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(2), (ushort)(offset + 24 - StunConstants.HeaderLength));
            BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(offset), StunConstants.MessageIntegrity);
            BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(offset + 2), 20);
            HMACSHA1.HashData(integrityKey, message.AsSpan(0, offset), message.AsSpan(offset + 4, 20));
            offset += 24;
        }

        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(2), (ushort)(total - StunConstants.HeaderLength));
        if (fingerprint)
        {
            BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(offset), StunConstants.Fingerprint);
            BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(offset + 2), 4);
            BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(offset + 4), Crc32.Compute(message.AsSpan(0, offset)) ^ StunConstants.FingerprintXor);
        }

        return message;
    }

    private StunMessageBuilder AddUInt64(ushort type, ulong value)
    {
        Span<byte> v = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(v, value);
        return Add(type, v);
    }
}
