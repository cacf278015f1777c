using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Livepeer.Samples.TintWorker;

/// <summary>
/// Registers the capability with the orchestrator (<c>POST /capability/register</c>, raw secret in
/// <c>Authorization</c>, JSON as go-livepeer's <c>ExternalCapability</c>) with retries, and unregisters it
/// (<c>POST /capability/unregister</c>, the name as plain text). A 400 means a wrong secret: no retry.
/// </summary>
internal sealed class Registrar(WorkerOptions options, Uri selfUrl, HttpClient http, TimeProvider time, ILogger logger)
{
    public const int Attempts = 30;

    public static readonly TimeSpan RetryPause = TimeSpan.FromSeconds(2);

    /// <summary>A client that accepts the orchestrator's self-signed certificate, as every registrar does.</summary>
    public static HttpClient CreateClient() => new(new SocketsHttpHandler
    {
        SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
    })
    { Timeout = TimeSpan.FromSeconds(5) };

    public async Task<bool> RegisterAsync(CancellationToken cancellationToken)
    {
        if (options.OrchUrl is not { } orch)
        {
            return false;
        }

        var body = new Dictionary<string, object?>
        {
            ["name"] = options.CapabilityName,
            ["url"] = (options.CapabilityUrl ?? selfUrl).ToString().TrimEnd('/'),
            ["capacity"] = options.Capacity,
            ["price_per_unit"] = options.PricePerUnit,
            ["price_scaling"] = options.PriceScaling,
            ["currency"] = "wei",
            ["description"] = "Sets both chroma planes of every frame (u, v; 128/128 is grayscale)",
        };
        if (options.Token is { } token)
        {
            body["token"] = token;
        }

        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(orch, "capability/register")) { Content = JsonContent.Create(body) };
                request.Headers.TryAddWithoutValidation("Authorization", options.OrchSecret);
                using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    WorkerLog.Registered(logger, options.CapabilityName, orch);
                    return true;
                }

                var reason = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}";
                WorkerLog.RegistrationFailed(logger, orch, reason);
                if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
                {
                    return false; // permanent: wrong secret or not a BYOC orchestrator
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                WorkerLog.RegistrationFailed(logger, orch, e.Message);
            }

            await Task.Delay(RetryPause, time, cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    public async Task UnregisterAsync(CancellationToken cancellationToken)
    {
        if (options.OrchUrl is not { } orch)
        {
            return;
        }

        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(orch, "capability/unregister"))
            {
                Content = new StringContent(options.CapabilityName, Encoding.UTF8, "text/plain"),
            };
            request.Headers.TryAddWithoutValidation("Authorization", options.OrchSecret);
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            WorkerLog.RegistrationFailed(logger, orch, e.Message);
        }
    }
}
