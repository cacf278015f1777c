using System.Buffers.Binary;
using System.Text;

namespace Livepeer.Abstractions.Byoc;

/// <summary>
/// The messages a gateway signs for a BYOC job. V0 (go-livepeer master <c>gatewayJob.sign</c>) is
/// <c>request ‖ parameters</c>; V1 (the Python SDK's remote signer, <c>FlattenBYOCJob</c>) is
/// <c>"LP_BYOC_JOB_V1\0\0" ‖ u32be(timeout) ‖ u32be(len id) ‖ id ‖ u32be(len capability) ‖ capability ‖
/// u32be(len request) ‖ request ‖ u32be(len parameters) ‖ parameters</c>, all strings UTF-8. Either is
/// signed the way go-livepeer signs requests: personal_sign over keccak256 of the message.
/// </summary>
public static class ByocJobSignature
{
    /// <summary>The 16-byte V1 domain tag.</summary>
    public static ReadOnlySpan<byte> V1Tag => "LP_BYOC_JOB_V1\0\0"u8;

    /// <summary>The V0 message: the request and parameters texts concatenated.</summary>
    public static byte[] V0Message(ByocJobHeader job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return Encoding.UTF8.GetBytes(job.Request + job.Parameters);
    }

    /// <summary>The V1 message (the flattened job).</summary>
    public static byte[] V1Message(ByocJobHeader job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var id = Encoding.UTF8.GetBytes(job.Id);
        var capability = Encoding.UTF8.GetBytes(job.Capability);
        var request = Encoding.UTF8.GetBytes(job.Request);
        var parameters = Encoding.UTF8.GetBytes(job.Parameters);
        var message = new byte[V1Tag.Length + 4 + (4 * 4) + id.Length + capability.Length + request.Length + parameters.Length];
        var span = message.AsSpan();
        V1Tag.CopyTo(span);
        span = span[V1Tag.Length..];
        BinaryPrimitives.WriteUInt32BigEndian(span, (uint)job.TimeoutSeconds);
        span = span[4..];
        foreach (var part in (ReadOnlySpan<byte[]>)[id, capability, request, parameters])
        {
            BinaryPrimitives.WriteUInt32BigEndian(span, (uint)part.Length);
            part.CopyTo(span[4..]);
            span = span[(4 + part.Length)..];
        }

        return message;
    }
}
