namespace Livepeer.TestPlugins.NoEntryPlugin;

/// <summary>Looks like a plugin's code but implements no ILivepeerPlugin.</summary>
public sealed class NotAPlugin
{
    /// <summary>Something to call.</summary>
    public static string Describe() => "not a plugin";
}
