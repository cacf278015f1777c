using System.Security.Cryptography;

namespace Livepeer.Plugins.WebRtc.Ice;

/// <summary>An ICE username fragment and password (RFC 8839 §5.4 <c>a=ice-ufrag</c> / <c>a=ice-pwd</c>).</summary>
/// <param name="Ufrag">The username fragment: 4–256 ice-chars.</param>
/// <param name="Password">The password: 22–256 ice-chars; the MESSAGE-INTEGRITY key (RFC 8445 §7.2.2).</param>
public sealed record IceCredentials(string Ufrag, string Password)
{
    private const string IceChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /// <summary>Fresh random credentials: an 8-character ufrag and a 24-character password (144 bits, RFC 8445 §5.3 asks ≥128).</summary>
    public static IceCredentials Generate() =>
        new(RandomNumberGenerator.GetString(IceChars, 8), RandomNumberGenerator.GetString(IceChars, 24));

    /// <summary>True when both parts have legal length and only ice-chars (RFC 8839 §5.4).</summary>
    public bool IsValid =>
        Ufrag.Length is >= 4 and <= 256 && Password.Length is >= 22 and <= 256
        && Ufrag.All(IceChars.Contains) && Password.All(IceChars.Contains);
}
