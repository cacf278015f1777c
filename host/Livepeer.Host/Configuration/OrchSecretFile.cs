using System.Security.Cryptography;

namespace Livepeer.Host.Configuration;

/// <summary>
/// The orchestrator's registration secret when no <c>-orchSecret</c> is given: made once per data directory
/// (32 random bytes, hex) and kept in <c>&lt;datadir&gt;/orchSecret</c>, readable by the node's user only, so
/// managed workers (and anyone the operator shows the file to) can register while the secret survives restarts.
/// </summary>
internal static class OrchSecretFile
{
    public const string FileName = "orchSecret";

    public static string PathIn(string dataDir) => Path.Combine(dataDir, FileName);

    /// <summary>Reads the secret from the data directory, making it first if there is none.</summary>
    /// <exception cref="IOException">The file cannot be read or written.</exception>
    public static string LoadOrCreate(string dataDir)
    {
        var path = PathIn(dataDir);
        if (File.Exists(path))
        {
            var existing = File.ReadAllText(path).Trim();
            if (existing.Length > 0)
            {
                return existing;
            }
        }

        Directory.CreateDirectory(dataDir);
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(secret + "\n");
        }

        return secret;
    }
}
