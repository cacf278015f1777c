using System.Net;
using Livepeer.Plugins.Trickle.Core;
using Livepeer.Plugins.Trickle.Server;

namespace Livepeer.Plugins.Trickle.Client;

/// <summary>Reading the trickle headers of a response (upstream <c>GetSeq</c>, <c>GetLatest</c>, <c>IsEOS</c>).</summary>
internal static class TrickleResponses
{
    /// <summary><c>Lp-Trickle-Closed</c> present: the channel is closed (end of stream).</summary>
    public static bool IsClosed(HttpResponseMessage response) => response.Headers.Contains(TrickleHeaders.Closed);

    public static bool IsNotFound(HttpResponseMessage response) => response.StatusCode == HttpStatusCode.NotFound;

    /// <summary><c>Lp-Trickle-Seq</c>, or <c>null</c> when missing or not a sequence number.</summary>
    public static long? Seq(HttpResponseMessage response) => Read(response, TrickleHeaders.Seq);

    /// <summary><c>Lp-Trickle-Latest</c>, or <c>null</c> when missing or not a sequence number.</summary>
    public static long? Latest(HttpResponseMessage response) => Read(response, TrickleHeaders.Latest);

    private static long? Read(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) && TrickleSequence.TryParse(values.FirstOrDefault(), TrickleSequence.Current, out var value) ? value : null;
}
