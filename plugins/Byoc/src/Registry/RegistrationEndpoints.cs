using System.Security.Cryptography;
using System.Text;
using Livepeer.Plugins.Byoc.Http;
using Livepeer.Plugins.Byoc.Orchestrator;
using Livepeer.Plugins.Byoc.Worker;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.Byoc.Registry;

/// <summary>
/// <c>POST /capability/register</c> and <c>/capability/unregister</c> (go-livepeer <c>RegisterCapability</c>):
/// <c>Authorization</c> is the raw secret, compared in constant time; a wrong one is a 400 "invalid
/// authorization" as upstream (pytrickle registrars read 400 as "secret incorrect").
/// </summary>
internal sealed class RegistrationEndpoints(CapabilityRegistry registry, WorkerHttp http, string secret, ILogger logger)
{
    private const int MaxBodyBytes = 64 * 1024;

    public async Task RegisterAsync(HttpContext context)
    {
        if (!await AuthorizedAsync(context).ConfigureAwait(false))
        {
            return;
        }

        if (await HttpAnswers.ReadBodyAsync(context, MaxBodyBytes).ConfigureAwait(false) is not { } body)
        {
            return;
        }

        RegistrationRequest request;
        try
        {
            request = RegistrationRequest.Parse(body);
        }
        catch (FormatException e)
        {
            ByocLog.RegistrationRefused(logger, e.Message);
            await HttpAnswers.TextAsync(context, 400, "Error registering capability: " + e.Message).ConfigureAwait(false);
            return;
        }

        var previous = registry.Find(request.Info.Name);
        try
        {
            registry.Register(new ExternalWorkerCapability(request.Info, request.Url, request.Token, http), external: true);
        }
        catch (InvalidOperationException e)
        {
            ByocLog.RegistrationRefused(logger, e.Message);
            await HttpAnswers.TextAsync(context, 400, "Error registering capability: " + e.Message).ConfigureAwait(false);
            return;
        }

        // Workers renew their registration periodically; only a new or changed one is worth a line in the log.
        if (previous?.Capability is not ExternalWorkerCapability old || old.Url != request.Url || old.Info != request.Info)
        {
            ByocLog.Registered(logger, request.Info.Name, request.Url, request.Info.Capacity);
        }

        await OkAsync(context).ConfigureAwait(false);
    }

    public async Task UnregisterAsync(HttpContext context)
    {
        if (!await AuthorizedAsync(context).ConfigureAwait(false))
        {
            return;
        }

        if (await HttpAnswers.ReadBodyAsync(context, 1024).ConfigureAwait(false) is not { } body)
        {
            return;
        }

        // The body is the plain-text name (not JSON); removing an unknown name is not an error.
        var name = body.Trim();
        if (registry.Unregister(name))
        {
            ByocLog.Unregistered(logger, name, "asked by the registrar");
        }

        await OkAsync(context).ConfigureAwait(false);
    }

    private async Task<bool> AuthorizedAsync(HttpContext context)
    {
        var presented = Encoding.UTF8.GetBytes(context.Request.Headers.Authorization.ToString());
        var expected = Encoding.UTF8.GetBytes(secret);
        // Hashing first makes the comparison take the same time whatever the lengths.
        if (expected.Length > 0 && CryptographicOperations.FixedTimeEquals(SHA256.HashData(presented), SHA256.HashData(expected)))
        {
            return true;
        }

        ByocLog.RegistrationRefused(logger, expected.Length == 0 ? "no -orchSecret is set" : "wrong secret");
        await HttpAnswers.TextAsync(context, 400, "invalid authorization").ConfigureAwait(false);
        return false;
    }

    private static async Task OkAsync(HttpContext context)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("ok", context.RequestAborted).ConfigureAwait(false);
    }
}
