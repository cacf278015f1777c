using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Security.Cryptography;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Orchestrators;

namespace Livepeer.Host.Protocol;

/// <summary>
/// Session credentials as go-livepeer makes them (§3.4): token = HMAC-SHA256(secret, sessionId ‖
/// big-endian minimal(expiration)), session id = 8 random hex characters, valid 30 minutes. The secret
/// is 32 random bytes made at start, so tokens do not survive a restart (as upstream).
/// </summary>
internal sealed class AuthTokens
{
    public static readonly TimeSpan ValidFor = TimeSpan.FromMinutes(30);
    private readonly byte[] _secret = new byte[32];
    private readonly TimeProvider _time;
    private readonly IRandomSource _random;

    public AuthTokens(TimeProvider time, IRandomSource random)
    {
        _time = time;
        _random = random;
        random.NextBytes(_secret);
    }

    public AuthToken Create()
    {
        Span<byte> id = stackalloc byte[4];
        _random.NextBytes(id);
        var sessionId = Convert.ToHexStringLower(id);
        var expiration = DateTimeOffset.FromUnixTimeSeconds((_time.GetUtcNow() + ValidFor).ToUnixTimeSeconds());
        return new AuthToken([.. Compute(sessionId, expiration)], sessionId, expiration);
    }

    /// <summary>True when the token was made by this node for its session id and has not expired.</summary>
    public bool IsValid(AuthToken? token) =>
        token is not null && !token.Token.IsDefault &&
        _time.GetUtcNow() <= token.Expiration &&
        CryptographicOperations.FixedTimeEquals(Compute(token.SessionId, token.Expiration), token.Token.AsSpan());

    private byte[] Compute(string sessionId, DateTimeOffset expiration)
    {
        var seconds = expiration.ToUnixTimeSeconds();
        Span<byte> big = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(big, seconds);
        var first = big.IndexOfAnyExcept((byte)0);
        ReadOnlySpan<byte> minimal = first >= 0 ? big[first..] : [];
        var message = new byte[System.Text.Encoding.UTF8.GetByteCount(sessionId) + minimal.Length];
        var written = System.Text.Encoding.UTF8.GetBytes(sessionId, message);
        minimal.CopyTo(message.AsSpan(written));
        return HMACSHA256.HashData(_secret, message);
    }
}
