using System.Threading.Channels;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Discovery;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Host.Discovery;
using Livepeer.Host.Protocol;

namespace Livepeer.Host.Gateway;

/// <summary>
/// The gateway's orchestrator pool (go-livepeer <c>orchestratorPool.GetOrchestrators</c>, §5.2): gathers the
/// candidates of the configured discovery sources, asks every one for its <c>OrchestratorInfo</c> in parallel
/// and in random order, keeps the usable answers, and returns the fastest first — what a stream's
/// <see cref="Abstractions.Selection.OrchestratorSessionPool"/> is filled with.
/// </summary>
internal sealed class OrchestratorPool(
    IReadOnlyList<IDiscoverySource> sources,
    OrchestratorPoolOptions options,
    OrchestratorClient client,
    DiscoveredOrchestratorRecorder? recorder,
    TimeProvider time,
    IRandomSource random,
    ILogger<OrchestratorPool> logger)
{
    /// <summary>The gateway's own address, sent in <c>OrchestratorRequest.address</c>; zero offchain.</summary>
    public EthAddress Sender { get; init; }

    /// <summary>The gateway's signature of its own checksummed address (<c>OrchestratorRequest.sig</c>); empty offchain.</summary>
    public ReadOnlyMemory<byte> Signature { get; init; }

    /// <summary>The pool's settings.</summary>
    public OrchestratorPoolOptions Options => options;

    /// <summary>
    /// Up to <paramref name="count"/> orchestrators that answered and can serve <paramref name="required"/>,
    /// non-suspended ones sorted by measured latency, then suspended ones (lowest penalty first) when too few
    /// others answered. Empty when none answered before the cutoff.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<IReadOnlyList<OrchestratorInfo>> GetOrchestratorsAsync(int count, NodeCapabilities? required, Suspender? suspender, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var candidates = await CandidatesAsync(required, cancellationToken).ConfigureAwait(false);
        var wanted = Math.Min(count, candidates.Count);
        if (wanted == 0)
        {
            return [];
        }

        // Step 3: an orchestrator that reports no capabilities can only serve legacy transcoding.
        var legacyOnly = required is null || required.Offered.IsSubsetOf(CapabilitySet.Legacy);
        var answers = Channel.CreateUnbounded<Answer>(new UnboundedChannelOptions { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var start = time.GetTimestamp();

        // Step 4: query in random order so that no orchestrator is always asked first.
        foreach (var index in Permutation(candidates.Count))
        {
            _ = AskAsync(candidates[index], required, answers.Writer, stop.Token);
        }

        var accepted = new List<Answer>();
        var suspended = new List<(Answer Answer, int Penalty)>();
        var waits = new DiscoveryWaits(options.DiscoveryTimeout, options.Cutoff);
        var responded = 0;
        try
        {
            // Step 6: until everyone answered, enough were accepted, or the timer/cutoff ends it.
            while (responded < candidates.Count && accepted.Count < wanted)
            {
                var elapsed = time.GetElapsedTime(start);
                if (elapsed >= options.Cutoff)
                {
                    break;
                }

                if (elapsed >= waits.Due)
                {
                    if (accepted.Count + suspended.Count > 0)
                    {
                        break;
                    }

                    waits.Rearm();
                    continue;
                }

                var wait = (waits.Due < options.Cutoff ? waits.Due : options.Cutoff) - elapsed;
                Answer answer;
                using (var timer = new CancellationTokenSource(wait, time))
                using (var either = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, cancellationToken))
                {
                    try
                    {
                        answer = await answers.Reader.ReadAsync(either.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        continue;
                    }
                }

                responded++;
                if (Rejection(answer, required, legacyOnly) is { } reason)
                {
                    GatewayLog.AnswerRejected(logger, answer.Candidate.ServiceUri, reason);
                    continue;
                }

                // Step 7: answers from suspended orchestrators wait in reserve.
                var penalty = suspender?.Suspended(answer.Info!.ServiceUri) ?? 0;
                if (penalty > 0)
                {
                    suspended.Add((answer, penalty));
                }
                else
                {
                    accepted.Add(answer);
                }
            }
        }
        finally
        {
            // Whoever has not answered by now is not waited for.
            await stop.CancelAsync().ConfigureAwait(false);
        }

        // Step 8: fastest first (stable), then the least-penalised suspended ones.
        var result = accepted.OrderBy(a => a.Latency).Take(wanted).Select(a => a.Info!).ToList();
        if (result.Count < wanted)
        {
            result.AddRange(suspended.OrderBy(s => s.Penalty).ThenBy(s => s.Answer.Latency).Take(wanted - result.Count).Select(s => s.Answer.Info!));
        }

        GatewayLog.Discovered(logger, result.Count, candidates.Count, responded, (long)time.GetElapsedTime(start).TotalMilliseconds);
        if (recorder is not null)
        {
            await recorder.RecordAsync(accepted.Concat(suspended.Select(s => s.Answer)).Select(a => a.Info!), cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    private async Task<IReadOnlyList<OrchestratorCandidate>> CandidatesAsync(NodeCapabilities? required, CancellationToken cancellationToken)
    {
        var query = new DiscoveryQuery(options.MaxCandidates) { RequiredCapabilities = required };
        var seen = new HashSet<Uri>();
        var candidates = new List<OrchestratorCandidate>();
        foreach (var source in sources)
        {
            IReadOnlyList<OrchestratorCandidate> found;
            try
            {
                found = await source.GetCandidatesAsync(query, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                GatewayLog.SourceFailed(logger, source.Name, e);
                continue;
            }

            foreach (var candidate in found)
            {
                if (candidate.Address is { } address && options.Blocklist.Contains(address))
                {
                    continue;
                }

                if (seen.Add(candidate.ServiceUri))
                {
                    candidates.Add(candidate);
                }
            }
        }

        return candidates;
    }

    private async Task AskAsync(OrchestratorCandidate candidate, NodeCapabilities? required, ChannelWriter<Answer> answers, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        Answer answer;
        try
        {
            var info = await client.GetOrchestratorAsync(candidate.ServiceUri, Sender, Signature, required, false, options.Cutoff, cancellationToken).ConfigureAwait(false);
            answer = new Answer(candidate, info, null, time.GetElapsedTime(started));
        }
        catch (Exception e)
        {
            answer = new Answer(candidate, null, e, time.GetElapsedTime(started));
        }

        answers.TryWrite(answer);
    }

    // Step 5: an answer is usable when the call succeeded, it names a transcoder, its address is not blocked,
    // it can serve what is required, and (our addition, see docs/protocols/net.md) it is not too expensive.
    private string? Rejection(Answer answer, NodeCapabilities? required, bool legacyOnly)
    {
        if (answer.Info is not { } info)
        {
            return answer.Error?.Message ?? "no answer";
        }

        if (string.IsNullOrEmpty(info.ServiceUri.Host))
        {
            return "empty transcoder";
        }

        if (info.Address is { } address && options.Blocklist.Contains(address))
        {
            return $"address {address} is blocklisted";
        }

        if (info.Capabilities is null ? !legacyOnly : required is not null && !required.IsSatisfiedBy(info.Capabilities))
        {
            return "capabilities not compatible";
        }

        if (options.MaxPricePerUnit is { } max && info.Price is { } price && !(price.PerUnit <= max))
        {
            return $"price {price.PricePerUnit}/{price.PixelsPerUnit} above the maximum {max}";
        }

        return null;
    }

    private int[] Permutation(int n)
    {
        var order = Enumerable.Range(0, n).ToArray();
        for (var i = n - 1; i > 0; i--)
        {
            var j = random.NextInt32(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    private sealed record Answer(OrchestratorCandidate Candidate, OrchestratorInfo? Info, Exception? Error, TimeSpan Latency);
}
