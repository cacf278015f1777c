using Xunit;

namespace Livepeer.Testing;

/// <summary>A fact reported as skipped, with the reason, when node or the werift package is not installed.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class WeriftFactAttribute : FactAttribute
{
    public WeriftFactAttribute()
    {
        if (WeriftClient.MissingReason is { } reason)
        {
            Skip = reason;
        }
    }
}
