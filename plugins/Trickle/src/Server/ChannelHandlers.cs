using Livepeer.Abstractions.Channels;
using Livepeer.Plugins.Trickle.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.Trickle.Server;

/// <summary>
/// The channel-level routes: create (<c>POST {ch}</c>), delete (<c>DELETE {ch}</c>), next
/// (<c>GET {ch}/next</c>) and close one segment (<c>DELETE {ch}/{idx}</c>), as upstream's trickle_server.go.
/// </summary>
internal sealed class ChannelHandlers
{
    private readonly ChannelRegistry _registry;
    private readonly IReadOnlyList<ISegmentChannelHooks> _hooks;
    private readonly ILogger _logger;

    public ChannelHandlers(ChannelRegistry registry, IEnumerable<ISegmentChannelHooks> hooks, ILogger logger)
    {
        _registry = registry;
        _hooks = [.. hooks];
        _logger = logger;
    }

    /// <summary>Upstream <c>handleCreate</c>: BeforeCreate, then create only when autocreating; 404 for unknown, 200 for existing.</summary>
    public async Task CreateAsync(HttpContext context, string name)
    {
        if (!await RunHooksAsync(context, name, create: true).ConfigureAwait(false))
        {
            return;
        }

        var channel = _registry.Find(name);
        if (channel is null && _registry.Options.Autocreate)
        {
            var outcome = _registry.GetOrCreate(name, context.Request.Headers[TrickleHeaders.ExpectContent].ToString(), out channel);
            if (await AnswerRefusedCreateAsync(context, outcome, name, _registry, _logger).ConfigureAwait(false))
            {
                return;
            }
        }

        if (channel is null)
        {
            await HttpAnswers.ErrorAsync(context.Response, StatusCodes.Status404NotFound, "Stream not found").ConfigureAwait(false);
        }
    }

    /// <summary>Upstream <c>handleDelete</c>: BeforeDelete, then close and forget; unknown → 400 "Invalid stream".</summary>
    public async Task DeleteAsync(HttpContext context, string name)
    {
        if (!await RunHooksAsync(context, name, create: false).ConfigureAwait(false))
        {
            return;
        }

        if (!_registry.Delete(name))
        {
            await HttpAnswers.ErrorAsync(context.Response, StatusCodes.Status400BadRequest, "Invalid stream").ConfigureAwait(false);
            return;
        }

        TrickleLog.ChannelDeleted(_logger, name);
    }

    /// <summary>Upstream <c>handleNext</c>: the next write as text and in Lp-Trickle-Latest, plus Closed.</summary>
    public async Task NextAsync(HttpContext context, string name)
    {
        if (_registry.Find(name) is not { } channel)
        {
            await HttpAnswers.ErrorAsync(context.Response, StatusCodes.Status404NotFound, "Stream not found").ConfigureAwait(false);
            return;
        }

        var closed = channel.IsClosed;
        var next = TrickleSequence.Format(channel.NextWrite);
        context.Response.Headers[TrickleHeaders.Latest] = next;
        if (closed)
        {
            context.Response.Headers[TrickleHeaders.Closed] = TrickleHeaders.Terminated;
        }

        await HttpAnswers.TextAsync(context.Response, StatusCodes.Status200OK, next).ConfigureAwait(false);
    }

    /// <summary>Upstream <c>closeSeq</c>: unknown channel 404, bad idx 400, slot not holding it 400 "Nonexistent segment".</summary>
    public async Task CloseSegmentAsync(HttpContext context, string name, string? idx)
    {
        if (_registry.Find(name) is not { } channel)
        {
            await HttpAnswers.ErrorAsync(context.Response, StatusCodes.Status404NotFound, "Stream not found").ConfigureAwait(false);
            return;
        }

        if (!TrickleSequence.TryParse(idx, 0, out var sequence))
        {
            await HttpAnswers.ErrorAsync(context.Response, StatusCodes.Status400BadRequest, "Invalid idx").ConfigureAwait(false);
            return;
        }

        if (channel.CloseSegment(sequence) == CloseSegmentResult.Nonexistent)
        {
            await HttpAnswers.ErrorAsync(context.Response, StatusCodes.Status400BadRequest, "Nonexistent segment").ConfigureAwait(false);
        }
    }

    /// <summary>Answers a refused creation (bad name 400, limit 429); false when the outcome is a channel.</summary>
    public static async Task<bool> AnswerRefusedCreateAsync(HttpContext context, CreateOutcome outcome, string name, ChannelRegistry registry, ILogger logger)
    {
        switch (outcome)
        {
            case CreateOutcome.InvalidName:
                await HttpAnswers.ErrorAsync(context.Response, StatusCodes.Status400BadRequest, "Invalid channel name").ConfigureAwait(false);
                return true;
            case CreateOutcome.LimitReached:
                TrickleLog.ChannelLimitReached(logger, name, registry.Options.MaxChannels);
                await HttpAnswers.ErrorAsync(context.Response, StatusCodes.Status429TooManyRequests, "Too many channels").ConfigureAwait(false);
                return true;
            case CreateOutcome.Created:
                TrickleLog.ChannelCreated(logger, name, registry.Find(name)?.MimeType ?? "");
                return false;
            default:
                return false;
        }
    }

    // Upstream writeHookError: a RequestError answers its 4xx, any other error 500.
    private async Task<bool> RunHooksAsync(HttpContext context, string name, bool create)
    {
        foreach (var hook in _hooks)
        {
            try
            {
                var pending = create
                    ? hook.BeforeCreateAsync(name, context.RequestAborted)
                    : hook.BeforeDeleteAsync(name, context.RequestAborted);
                await pending.ConfigureAwait(false);
            }
            catch (SegmentChannelRefusedException e)
            {
                TrickleLog.HookRefused(_logger, name, e.StatusCode, e.Message);
                await HttpAnswers.ErrorAsync(context.Response, e.StatusCode, e.Message).ConfigureAwait(false);
                return false;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                TrickleLog.HookFailed(_logger, name, e);
                await HttpAnswers.ErrorAsync(context.Response, StatusCodes.Status500InternalServerError, e.Message).ConfigureAwait(false);
                return false;
            }
        }

        return true;
    }
}
