namespace Livepeer.Host.Crypto;

/// <summary>A keystore could not be read, decrypted or chosen; the message names the file and the problem.</summary>
internal sealed class KeystoreException(string message, Exception? inner = null) : Exception(message, inner);
