namespace Livepeer.Abstractions.Orchestrators;

/// <summary>The price of one capability (and constraint, such as a model id or a BYOC capability name).</summary>
/// <param name="Capability">The capability priced.</param>
/// <param name="Constraint">The model or BYOC name; empty for the capability as a whole.</param>
/// <param name="Price">The price.</param>
public sealed record CapabilityPrice(Capability Capability, string Constraint, Price Price);
