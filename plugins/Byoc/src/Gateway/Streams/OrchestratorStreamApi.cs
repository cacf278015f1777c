using System.Text;
using System.Text.Json;
using Livepeer.Abstractions.Byoc;
using Livepeer.Abstractions.Payments;
using Livepeer.Plugins.Byoc.Gateway.Orchestrators;

namespace Livepeer.Plugins.Byoc.Gateway.Streams;

/// <summary>The channels an orchestrator made for one attempt, resolved against its address.</summary>
internal sealed record SessionChannels(Uri Control, Uri Events, Uri? VideoIn, Uri? VideoOut, Uri? Data);

/// <summary>An orchestrator refused or failed a stream start; the message says why (for logs and the stream's status).</summary>
internal sealed class OrchestratorStartException : Exception
{
    public OrchestratorStartException(string message)
        : base(message)
    {
    }

    public OrchestratorStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public OrchestratorStartException()
    {
    }
}

/// <summary>
/// The gateway's calls to an orchestrator's stream API (go-livepeer <c>runStream</c>, <c>sendStopStreamToOrch</c>,
/// <c>UpdateStream</c>, protocols §1.5–§1.6), each with a <c>Livepeer</c> header signed by the node key whose
/// <c>request</c> is <c>{"stream_id":…}</c>. Unlike upstream, the start's status code is checked: anything but 2xx, or a 2xx
/// without the channels the stream needs, fails the attempt and the next orchestrator is tried.
/// </summary>
internal sealed class OrchestratorStreamApi(OrchestratorClient client, GatewayPayments payments, GatewayOptions options)
{
    /// <summary>The deadline of stop and update calls (upstream's stop job uses 10 s).</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    /// <summary><c>POST /ai/stream/start</c>, paid for <see cref="GatewayOptions.Prepay"/> when priced; the body is <c>{"params": …}</c>.</summary>
    /// <exception cref="OrchestratorStartException">Unreachable, refused, unpaid, or no usable channel URLs.</exception>
    public async Task<SessionChannels> StartAsync(GatewayStream stream, OrchestratorToken token, CancellationToken cancellationToken)
    {
        string? payment;
        try
        {
            payment = await payments.HeaderAsync(token, GatewayPayments.StreamLedger(stream.Capability, stream.Id), options.Prepay, cancellationToken).ConfigureAwait(false);
        }
        catch (PaymentException e)
        {
            throw new OrchestratorStartException("payment refused: " + e.Message, e);
        }

        var job = client.Signer.Sign(stream.Id, stream.RequestJson, stream.ParametersJson, stream.Capability, stream.TimeoutSeconds);
        var body = Encoding.UTF8.GetBytes($$"""{"params":{{stream.Params ?? "null"}}}""");
        OrchestratorAnswer answer;
        try
        {
            // The orchestrator waits up to timeout_seconds for the worker's /stream/start.
            answer = await client.PostAsync(token.Orchestrator, "ai/stream/start", job, payment, body, "application/json", TimeSpan.FromSeconds(stream.TimeoutSeconds + 5), cancellationToken).ConfigureAwait(false);
        }
        catch (OrchestratorUnavailableException e)
        {
            throw new OrchestratorStartException(e.Message, e);
        }

        if (!answer.IsSuccess)
        {
            throw new OrchestratorStartException("start refused: " + answer.Describe());
        }

        return Channels(token.Orchestrator, answer, stream.Flags);
    }

    /// <summary><c>POST /ai/stream/stop</c> with <paramref name="body"/>; <c>null</c> when the orchestrator could not be reached.</summary>
    public async Task<OrchestratorAnswer?> StopAsync(GatewayStream stream, Uri orchestrator, string body, CancellationToken cancellationToken)
    {
        var job = client.Signer.Sign(stream.Id, stream.RequestJson, "{}", stream.Capability, (int)CallTimeout.TotalSeconds);
        try
        {
            return await client.PostAsync(orchestrator, "ai/stream/stop", job, null, Encoding.UTF8.GetBytes(body), ContentTypeOf(body), CallTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (OrchestratorUnavailableException)
        {
            return null;
        }
    }

    /// <summary><c>POST /ai/stream/update</c> with the params; the orchestrator's answer whatever its status.</summary>
    /// <exception cref="OrchestratorUnavailableException">Unreachable or too slow.</exception>
    public Task<OrchestratorAnswer> UpdateAsync(GatewayStream stream, Uri orchestrator, string body, int timeoutSeconds, CancellationToken cancellationToken)
    {
        var job = client.Signer.Sign(stream.Id, stream.RequestJson, "{}", stream.Capability, timeoutSeconds);
        return client.PostAsync(orchestrator, "ai/stream/update", job, null, Encoding.UTF8.GetBytes(body), "application/json", TimeSpan.FromSeconds(timeoutSeconds), cancellationToken);
    }

    /// <summary>The <c>X-*-Url</c> headers (what the Python SDK reads too), each resolved against the orchestrator (upstream <c>AppendHostname</c>).</summary>
    /// <exception cref="OrchestratorStartException">A channel the stream needs is missing or not a URL.</exception>
    internal static SessionChannels Channels(Uri orchestrator, OrchestratorAnswer answer, ByocStreamFlags flags)
    {
        return new SessionChannels(
            Required(ByocHeaders.ControlUrl, true)!,
            Required(ByocHeaders.EventsUrl, true)!,
            Required(ByocHeaders.PublishUrl, flags.VideoIngress),
            Required(ByocHeaders.SubscribeUrl, flags.VideoEgress),
            Required(ByocHeaders.DataUrl, flags.DataOutput));

        Uri? Required(string header, bool needed)
        {
            if (!needed)
            {
                return null;
            }

            var text = answer.Headers.TryGetValues(header, out var values) ? values.FirstOrDefault() : null;
            if (string.IsNullOrWhiteSpace(text))
            {
                throw new OrchestratorStartException($"the orchestrator answered {answer.StatusCode} without {header}");
            }

            if (Uri.TryCreate(text, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
            {
                return absolute;
            }

            return Uri.TryCreate(OrchestratorClient.Endpoint(orchestrator, text).ToString(), UriKind.Absolute, out var resolved)
                ? resolved
                : throw new OrchestratorStartException($"{header} is not a URL");
        }
    }

    // Upstream forwards the client's stop body as is; text that is not JSON (a failure reason) goes as text.
    private static string ContentTypeOf(string body)
    {
        try
        {
            using var _ = JsonDocument.Parse(body);
            return "application/json";
        }
        catch (JsonException)
        {
            return "text/plain; charset=utf-8";
        }
    }
}
