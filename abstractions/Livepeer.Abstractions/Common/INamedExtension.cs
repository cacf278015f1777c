namespace Livepeer.Abstractions;

/// <summary>
/// Implemented by every extension point: the <see cref="Name"/> is how configuration refers to an
/// implementation. Names are compared ordinally ignoring case; an unknown or duplicate name fails start-up.
/// </summary>
public interface INamedExtension
{
    /// <summary>The name used in configuration, for example <c>orchAddr</c>, <c>none</c> or <c>minls</c>.</summary>
    string Name { get; }
}
