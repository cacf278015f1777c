namespace Livepeer.Host.Hosting;

/// <summary>Start-up was refused; <see cref="Errors"/> holds every problem found, not just the first.</summary>
internal sealed class StartupException(IReadOnlyList<string> errors)
    : Exception("The node cannot start:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
