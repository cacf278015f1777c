using Livepeer.Abstractions;
using Livepeer.Abstractions.Crypto;

namespace Livepeer.Plugins.Pm.Tests;

/// <summary>The test keys are real secp256k1: the upstream vector verifies and signatures recover their signer.</summary>
public sealed class CryptoSanityTests
{
    [Fact]
    public void UpstreamVerifySigVectorVerifies()
    {
        var message = Convert.FromHexString("b7da355477356fc4c47fcabcf232dc77a6db9b07b7e48b76261cc55cc8fbabb3");
        var signature = Convert.FromHexString("206443228e8f784bc3a122de0d85eb3ebff82d6a79cca26c7eeb907099a6404f6dff57bc6828f28bd6cd073c89d94cf3364204679ed8365fa45b5ee6af19a9841c");

        Assert.Equal(SignatureStatus.Valid, TestKeys.Verifier.VerifyMessage(EthAddress.Parse("0x3BadDb1eeE2105893136A3F96c8a963E9C6309d6"), message, signature));
    }

    [Fact]
    public void KnownKeyHasItsKnownAddress() =>
        Assert.Equal(EthAddress.Parse("0x2c7536E3605D9C16a7a3D7b1898e529396a65c23"), TestKeys.Gateway.Address);

    [Fact]
    public void SignaturesRecoverTheirSigner()
    {
        var message = Keccak256.HashData("ticket"u8);
        var signature = TestKeys.Gateway.SignMessage(message);

        Assert.Equal(SignatureStatus.Valid, TestKeys.Verifier.VerifyMessage(TestKeys.Gateway.Address, message, signature));
        Assert.Equal(SignatureStatus.WrongSigner, TestKeys.Verifier.VerifyMessage(TestKeys.Mallory.Address, message, signature));
    }
}
