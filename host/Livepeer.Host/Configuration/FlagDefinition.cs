namespace Livepeer.Host.Configuration;

/// <summary>The kind of value a flag takes.</summary>
internal enum FlagKind
{
    /// <summary>A switch: <c>-flag</c>, <c>-flag=true</c> or <c>-flag=false</c>.</summary>
    Bool,

    /// <summary>A string: <c>-flag value</c> or <c>-flag=value</c>.</summary>
    String,

    /// <summary>An integer.</summary>
    Int,
}

/// <summary>One command-line flag, with go-livepeer's spelling, and the configuration key it sets.</summary>
/// <param name="Name">The flag name without dashes, as go-livepeer spells it.</param>
/// <param name="ConfigKey">The configuration key the value is written to.</param>
/// <param name="Kind">The kind of value.</param>
/// <param name="Default">The default, as shown by <c>-h</c> and in docs/configuration.md.</param>
/// <param name="Help">One line of help.</param>
internal sealed record FlagDefinition(string Name, string ConfigKey, FlagKind Kind, string Default, string Help)
{
    /// <summary>Other accepted names (e.g. <c>broadcaster</c> for <c>gateway</c>).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];
}
