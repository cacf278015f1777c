using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Livepeer.Abstractions.Hosting;

namespace Livepeer.Host.Plugins;

/// <summary>Finds a plugin's one entry type: public, non-abstract, implementing <see cref="ILivepeerPlugin"/>.</summary>
internal static class PluginEntryPoint
{
    /// <summary>
    /// Finds the entry type in <paramref name="assembly"/>, or says why there is not exactly one usable.
    /// Type-load failures propagate; the loader reports them as incompatibility.
    /// </summary>
    public static bool TryFind(Assembly assembly, [NotNullWhen(true)] out Type? entryType, out string reason)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        entryType = null;
        var assemblyName = assembly.GetName().Name;
        var candidates = assembly.GetExportedTypes()
            .Where(t => t.IsClass && !t.IsAbstract && !t.ContainsGenericParameters && typeof(ILivepeerPlugin).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToList();
        switch (candidates.Count)
        {
            case 0:
                reason = $"no public non-abstract class in {assemblyName} implements {nameof(ILivepeerPlugin)}";
                return false;
            case > 1:
                reason = $"{candidates.Count} classes in {assemblyName} implement {nameof(ILivepeerPlugin)} "
                    + $"({string.Join(", ", candidates.Select(t => t.FullName))}); a plugin has exactly one entry type";
                return false;
        }

        var candidate = candidates[0];
        if (candidate.GetConstructor(BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes) is null)
        {
            reason = $"entry type {candidate.FullName} has no public parameterless constructor";
            return false;
        }

        entryType = candidate;
        reason = "";
        return true;
    }
}
