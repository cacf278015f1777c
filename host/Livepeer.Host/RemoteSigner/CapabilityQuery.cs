using System.Text;
using Livepeer.Abstractions.Orchestrators;

namespace Livepeer.Host.RemoteSigner;

/// <summary>
/// Discovery capability strings as the Python gateway SDK sends them in <c>?caps=</c>:
/// <c>pipeline/model</c>, the pipeline being the capability's name lower-cased and dashed
/// (<c>byoc/text-reversal</c>, <c>live-video-to-video/streamdiffusion</c>).
/// </summary>
internal static class CapabilityQuery
{
    /// <summary>The most capability strings one query may carry.</summary>
    public const int MaxCapabilities = 32;

    private static readonly Dictionary<string, Capability> ByPipeline = Enum.GetValues<Capability>()
        .GroupBy(c => Dashed(c.ToString()))
        .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);

    /// <summary>What the strings require; <c>null</c> for none. Returns an error message for an unknown or malformed one.</summary>
    public static string? TryParse(IReadOnlyList<string> values, out NodeCapabilities? required)
    {
        required = null;
        if (values.Count == 0)
        {
            return null;
        }

        if (values.Count > MaxCapabilities)
        {
            return $"at most {MaxCapabilities} caps may be asked for";
        }

        var offered = new List<Capability>();
        var models = new Dictionary<Capability, Dictionary<string, ModelConstraint>>();
        foreach (var value in values)
        {
            var slash = value.IndexOf('/', StringComparison.Ordinal);
            var pipeline = slash < 0 ? value : value[..slash];
            var model = slash < 0 ? "" : value[(slash + 1)..];
            if (value.Length > 256 || !ByPipeline.TryGetValue(pipeline, out var capability))
            {
                return $"unknown capability '{(value.Length > 64 ? value[..64] + "…" : value)}'";
            }

            offered.Add(capability);
            if (model.Length > 0)
            {
                if (!models.TryGetValue(capability, out var byModel))
                {
                    models[capability] = byModel = new Dictionary<string, ModelConstraint>(StringComparer.Ordinal);
                }

                byModel[model] = new ModelConstraint();
            }
        }

        required = new NodeCapabilities
        {
            Offered = CapabilitySet.Of(offered),
            Models = models.ToDictionary(m => m.Key, m => (IReadOnlyDictionary<string, ModelConstraint>)m.Value),
        };
        return null;
    }

    private static string Dashed(string name)
    {
        var text = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && char.IsLower(name[i - 1]))
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }
}
