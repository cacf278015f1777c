namespace Fixture.Dependency;

/// <summary>Built twice, as Fixture.Dependency 1.0.0.0 and 2.0.0.0, so two plugins can need different versions.</summary>
public static class DependencyInfo
{
    /// <summary>The version of the Fixture.Dependency assembly that was loaded.</summary>
    public static string Version => typeof(DependencyInfo).Assembly.GetName().Version!.ToString();
}
