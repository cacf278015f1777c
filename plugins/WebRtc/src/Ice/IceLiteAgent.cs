using System.Net;
using System.Text;
using Livepeer.Plugins.WebRtc.Stun;

namespace Livepeer.Plugins.WebRtc.Ice;

/// <summary>
/// The ICE-lite side of one session (RFC 8445 §2.5 and §7.3 for lite agents): it never sends checks, answers the
/// full agent's binding requests after checking USERNAME (<c>ourUfrag:theirUfrag</c>), MESSAGE-INTEGRITY (HMAC-SHA1
/// keyed with our ice-pwd) and FINGERPRINT, validates the source of each good check, and takes the address of a
/// check carrying USE-CANDIDATE as the selected pair (§8.2, lite: "the nominated pair"). Consent freshness
/// (RFC 7675 §5.1): consent lasts <see cref="ConsentTimeout"/> after the last valid check. Thread-safe.
/// </summary>
public sealed class IceLiteAgent
{
    /// <summary>Remote addresses kept as validated; a newer one replaces the oldest (a peer has a few candidates).</summary>
    public const int MaxValidatedAddresses = 8;

    private readonly object _gate = new();
    private readonly byte[] _localPassword;
    private readonly string _usernamePrefix;
    private readonly TimeProvider _time;
    private readonly List<IPEndPoint> _validated = [];
    private IPEndPoint[] _validatedSnapshot = [];
    private long _lastValidCheck;

    /// <summary>An agent answering checks for <paramref name="local"/> from the peer that offered <paramref name="remote"/>.</summary>
    public IceLiteAgent(IceCredentials local, IceCredentials remote, TimeProvider time, TimeSpan consentTimeout)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(remote);
        Local = local;
        Remote = remote;
        _time = time;
        ConsentTimeout = consentTimeout;
        _localPassword = Encoding.UTF8.GetBytes(local.Password);
        _usernamePrefix = local.Ufrag + ":";
        _lastValidCheck = time.GetTimestamp();
    }

    /// <summary>Our credentials.</summary>
    public IceCredentials Local { get; }

    /// <summary>The peer's credentials from its offer.</summary>
    public IceCredentials Remote { get; }

    /// <summary>How long consent lasts after a valid check.</summary>
    public TimeSpan ConsentTimeout { get; }

    /// <summary>The address media goes to: the last nominated one, else the last validated one; null before any valid check.</summary>
    public IPEndPoint? SelectedRemote { get; private set; }

    /// <summary>True once a check with USE-CANDIDATE was accepted.</summary>
    public bool Nominated { get; private set; }

    /// <summary>True when no valid check arrived for longer than <see cref="ConsentTimeout"/> (RFC 7675 §5.1).</summary>
    public bool ConsentExpired => _time.GetElapsedTime(Interlocked.Read(ref _lastValidCheck)) > ConsentTimeout;

    /// <summary>True when <paramref name="source"/> sent a valid check (DTLS and SRTP are accepted only from such addresses).</summary>
    public bool IsValidated(IPEndPoint source)
    {
        foreach (var address in Volatile.Read(ref _validatedSnapshot))
        {
            if (address.Equals(source))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Handles one STUN datagram from <paramref name="source"/>; <paramref name="response"/> is what to send back
    /// (null when nothing is sent).
    /// </summary>
    public IceCheckOutcome HandleStun(ReadOnlySpan<byte> datagram, IPEndPoint source, out byte[]? response)
    {
        ArgumentNullException.ThrowIfNull(source);
        response = null;
        if (!StunMessage.TryParse(datagram, out var request, out _) || !request.VerifyFingerprint())
        {
            return IceCheckOutcome.Dropped; // RFC 8489 §7.3: a bad FINGERPRINT means "not STUN"
        }

        if (request.Class != StunClass.Request || request.Method != StunConstants.BindingMethod)
        {
            return IceCheckOutcome.Ignored;
        }

        var username = request.Username;
        if (username is null || !request.HasIntegrity)
        {
            response = Error(request, 400, "Bad Request");
            return IceCheckOutcome.BadRequest;
        }

        // RFC 8445 §7.3: USERNAME is "<our ufrag>:<their ufrag>"; integrity is keyed with our password.
        if (!username.StartsWith(_usernamePrefix, StringComparison.Ordinal) || !request.VerifyIntegrity(_localPassword))
        {
            response = Error(request, 401, "Unauthorized");
            return IceCheckOutcome.Unauthorized;
        }

        if (request.IceControlled is not null)
        {
            response = Error(request, 487, "Role Conflict", _localPassword);
            return IceCheckOutcome.RoleConflict;
        }

        lock (_gate)
        {
            var index = _validated.FindIndex(a => a.Equals(source));
            if (index >= 0)
            {
                _validated.RemoveAt(index);
            }
            else if (_validated.Count == MaxValidatedAddresses)
            {
                _validated.RemoveAt(0);
            }

            _validated.Add(source);
            _validatedSnapshot = [.. _validated];
            if (request.UseCandidate || !Nominated)
            {
                SelectedRemote = source;
                Nominated |= request.UseCandidate;
            }

            Interlocked.Exchange(ref _lastValidCheck, _time.GetTimestamp());
        }

        response = new StunMessageBuilder(StunClass.SuccessResponse, StunConstants.BindingMethod, request.TransactionId)
            .AddXorMappedAddress(source)
            .Build(_localPassword);
        return IceCheckOutcome.Accepted;
    }

    // RFC 8489 §9.1.3: a 400/401 carries no MESSAGE-INTEGRITY (the request could not be authenticated).
    private static byte[] Error(StunMessage request, int code, string reason, ReadOnlySpan<byte> key = default) =>
        new StunMessageBuilder(StunClass.ErrorResponse, StunConstants.BindingMethod, request.TransactionId).AddErrorCode(code, reason).Build(key);
}
