namespace Livepeer.Host.RemoteSigner;

/// <summary>A signer request the client got wrong; answered with 400 and the message.</summary>
internal sealed class SignerRequestException : Exception
{
    public SignerRequestException(string message)
        : base(message)
    {
    }

    public SignerRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SignerRequestException()
    {
    }
}
