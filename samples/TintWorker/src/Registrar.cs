using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Livepeer.Samples.TintWorker;

/// <summary>
/// Keeps the capability registered with the orchestrator (<c>POST /capability/register</c>, raw secret in
/// <c>Authorization</c>, JSON as go-livepeer's <c>ExternalCapability</c>): tries every <see cref="WorkerOptions.RetryPause"/>
/// until the orchestrator answers (it may still be starting), then registers again every
/// <see cref="WorkerOptions.ReregisterInterval"/> so that a restarted orchestrator, which has forgotten its
/// workers, gets the capability back. A 400/404/405 means a wrong secret or not a BYOC orchestrator: it stops.
/// Unregisters (<c>POST /capability/unregister</c>, the name as plain text) on shutdown.
/// </summary>
internal sealed class Registrar(WorkerOptions options, Uri selfUrl, HttpClient http, TimeProvider time, ILogger logger)
{
    private readonly TaskCompletionSource<bool> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _registrations;

    /// <summary>The outcome of the first registration: true once it succeeded, false when it failed for good or there is no orchestrator.</summary>
    public Task<bool> FirstRegistration => _first.Task;

    /// <summary>Successful registrations so far (the first and every renewal).</summary>
    public int Registrations => Volatile.Read(ref _registrations);

    /// <summary>A client that accepts the orchestrator's self-signed certificate, as every registrar does.</summary>
    public static HttpClient CreateClient() => new(new SocketsHttpHandler
    {
        SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
    })
    { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>Registers, retries and renews until <paramref name="cancellationToken"/> fires or registration fails for good.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (options.OrchUrl is not { } orch)
        {
            _first.TrySetResult(false);
            return;
        }

        var failing = false;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var (outcome, reason) = await RegisterOnceAsync(orch, cancellationToken).ConfigureAwait(false);
                if (outcome == Outcome.Registered)
                {
                    if (Interlocked.Increment(ref _registrations) == 1 || failing)
                    {
                        WorkerLog.Registered(logger, options.CapabilityName, orch);
                    }

                    failing = false;
                    _first.TrySetResult(true);
                    if (options.ReregisterInterval <= TimeSpan.Zero)
                    {
                        return;
                    }

                    await Task.Delay(options.ReregisterInterval, time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (outcome == Outcome.Refused)
                {
                    WorkerLog.RegistrationRefused(logger, orch, reason);
                    _first.TrySetResult(false);
                    return;
                }

                // Unreachable or 5xx: the orchestrator is (re)starting. Say so once per outage, not every 2 s.
                if (!failing)
                {
                    WorkerLog.RegistrationFailed(logger, orch, reason);
                    failing = true;
                }

                await Task.Delay(options.RetryPause, time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            _first.TrySetResult(false);
        }
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

    private async Task<(Outcome Outcome, string Reason)> RegisterOnceAsync(Uri orch, CancellationToken cancellationToken)
    {
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

        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(orch, "capability/register")) { Content = JsonContent.Create(body) };
            request.Headers.TryAddWithoutValidation("Authorization", options.OrchSecret);
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return (Outcome.Registered, "");
            }

            var reason = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}";
            return response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed
                ? (Outcome.Refused, reason) // permanent: wrong secret or not a BYOC orchestrator
                : (Outcome.Unavailable, reason);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (Outcome.Unavailable, e.Message);
        }
    }

    private enum Outcome
    {
        Registered,
        Unavailable,
        Refused,
    }
}
