using System.Collections.Immutable;

namespace Livepeer.Abstractions.Orchestrators;

/// <summary>The session credential an orchestrator hands to a gateway (<c>net.AuthToken</c>).</summary>
/// <param name="Token">The opaque token (an HMAC in go-livepeer).</param>
/// <param name="SessionId">The session it names.</param>
/// <param name="Expiration">When it stops being accepted.</param>
public sealed record AuthToken(ImmutableArray<byte> Token, string SessionId, DateTimeOffset Expiration);
