using System.Globalization;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Crypto;

namespace Livepeer.Host.Crypto;

/// <summary>
/// Finds, unlocks or creates the node's account from <c>-ethKeystorePath</c> (a keystore file, or a folder
/// of them as go-ethereum keeps them), <c>-ethAcctAddr</c> and <c>-ethPassword</c>. Reads never write:
/// a wrong password or a corrupt file is an error and the file stays as it was.
/// </summary>
internal static class EthereumKeystore
{
    /// <summary>The outcome: the unlocked account, the file it came from, and whether it was just created.</summary>
    internal sealed record Result(EthereumAccount Account, string File, bool Created);

    /// <summary>
    /// Unlocks the account; when the folder holds no keystore and no address was asked for, creates one
    /// (go-livepeer creates an account when it needs one and has none).
    /// </summary>
    /// <exception cref="KeystoreException">Every problem, naming the file or the flag.</exception>
    public static Result LoadOrCreate(string path, EthAddress? account, string password, TimeProvider time, ScryptParameters? scrypt = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (File.Exists(path))
        {
            return Unlock(path, account, password);
        }

        var candidates = new List<(string File, EthAddress Address)>();
        var broken = new List<string>();
        if (Directory.Exists(path))
        {
            foreach (var file in Directory.EnumerateFiles(path).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(file);
                if (name.StartsWith('.') || name.EndsWith('~') || name.EndsWith(".tmp", StringComparison.Ordinal))
                {
                    continue; // editor and temporary files, as go-ethereum's keystore scan skips them
                }

                try
                {
                    candidates.Add((file, KeystoreV3.ReadAddress(File.ReadAllText(file))));
                }
                catch (Exception e) when (e is KeystoreException or IOException or UnauthorizedAccessException)
                {
                    broken.Add($"{file}: {e.Message}");
                }
            }
        }

        if (account is { } wanted)
        {
            var match = candidates.FirstOrDefault(c => c.Address == wanted);
            return match.File is not null
                ? Unlock(match.File, account, password)
                : throw new KeystoreException($"-ethAcctAddr {wanted.ToChecksumString()}: no keystore file for it in {path}" + Problems(broken));
        }

        if (broken.Count > 0)
        {
            // Never create a new account beside one that could not be read: the operator may depend on it.
            throw new KeystoreException($"-ethKeystorePath {path}: unreadable keystore files" + Problems(broken));
        }

        return candidates.Count switch
        {
            0 => Create(path, password, time, scrypt ?? ScryptParameters.Standard),
            1 => Unlock(candidates[0].File, null, password),
            _ => throw new KeystoreException($"-ethKeystorePath {path} holds {candidates.Count} accounts ({string.Join(", ", candidates.Select(c => c.Address.ToChecksumString()))}): choose one with -ethAcctAddr"),
        };
    }

    /// <summary>
    /// <c>-ethPassword</c>: the name of an existing file holding the password (trailing line breaks removed),
    /// else the password itself.
    /// </summary>
    public static string ResolvePassword(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length > 0 && File.Exists(value) ? File.ReadAllText(value).TrimEnd('\r', '\n') : value;
    }

    private static Result Unlock(string file, EthAddress? account, string password)
    {
        string json;
        try
        {
            json = File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KeystoreException($"{file}: {e.Message}", e);
        }

        try
        {
            if (account is { } wanted && KeystoreV3.ReadAddress(json) != wanted)
            {
                throw new KeystoreException($"holds {KeystoreV3.ReadAddress(json).ToChecksumString()}, not -ethAcctAddr {wanted.ToChecksumString()}");
            }

            var key = KeystoreV3.Decrypt(json, password);
            return new Result(new EthereumAccount(key), file, Created: false);
        }
        catch (KeystoreException e)
        {
            throw new KeystoreException($"{file}: {e.Message}", e);
        }
    }

    private static Result Create(string folder, string password, TimeProvider time, ScryptParameters scrypt)
    {
        var account = EthereumAccount.Create();
        var json = KeystoreV3.Encrypt(account.PrivateKey, password, scrypt);

        // go-ethereum's file name: UTC--<RFC 3339 time with '-' for ':'>--<address hex>.
        var stamp = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH-mm-ss.fffffff'Z'", CultureInfo.InvariantCulture);
        var file = Path.Combine(folder, $"UTC--{stamp}--{Convert.ToHexStringLower(account.Address.ToArray())}");
        try
        {
            Directory.CreateDirectory(folder);
            var temporary = file + ".tmp";
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temporary, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(json);
            }

            File.Move(temporary, file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KeystoreException($"-ethKeystorePath {folder}: cannot write a new keystore file: {e.Message}", e);
        }

        return new Result(account, file, Created: true);
    }

    private static string Problems(List<string> broken) =>
        broken.Count == 0 ? "" : ":" + string.Concat(broken.Select(b => Environment.NewLine + "    " + b));
}
