using Livepeer.Abstractions;
using Livepeer.Abstractions.Byoc;
using Livepeer.Plugins.Byoc.Http;
using Livepeer.Plugins.Byoc.Signing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.Byoc.Orchestrator;

/// <summary>A job request whose <c>Livepeer</c> header was read and whose signature was checked.</summary>
internal sealed record JobContext(ByocJobHeader Job, EthAddress Sender);

/// <summary>
/// Reads and verifies the <c>Livepeer</c> header (go-livepeer <c>setupOrchJob</c> / <c>verifyJobCreds</c>):
/// every problem is a 400 with a message saying what was wrong, as upstream answers them.
/// </summary>
internal sealed class JobReader(JobCredentials credentials, ILogger logger)
{
    /// <summary>The verified job, or <c>null</c> after a 400 was written.</summary>
    public async Task<JobContext?> ReadAsync(HttpContext context)
    {
        ByocJobHeader job;
        try
        {
            job = ByocJobHeader.Parse(context.Request.Headers[ByocHeaders.Job].ToString());
        }
        catch (ByocJobHeaderException e)
        {
            await RefuseAsync(context, StatusCodes.Status400BadRequest, e.Message).ConfigureAwait(false);
            return null;
        }

        try
        {
            return new JobContext(job, credentials.Verify(job));
        }
        catch (JobCredentialsException e)
        {
            await RefuseAsync(context, StatusCodes.Status400BadRequest, $"{JobCredentials.CouldNotVerify}: {e.Message}").ConfigureAwait(false);
            return null;
        }
    }

    public async Task RefuseAsync(HttpContext context, int status, string message)
    {
        ByocLog.Refused(logger, status, message);
        await HttpAnswers.TextAsync(context, status, message).ConfigureAwait(false);
    }
}
