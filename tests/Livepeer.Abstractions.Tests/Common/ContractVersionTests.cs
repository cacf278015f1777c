using Livepeer.Abstractions;
using Xunit;

namespace Livepeer.Abstractions.Tests.Common;

public sealed class ContractVersionTests
{
    [Theory]
    [InlineData("1.0", true)]
    [InlineData("1.0.5", true)]
    [InlineData("1.1", false)]
    [InlineData("0.9", false)]
    [InlineData("2.0", false)]
    public void SameMajorAndNoNewerMinorIsCompatible(string version, bool compatible)
    {
        Assert.Equal(new Version(1, 0), ContractVersion.Current);
        Assert.Equal(compatible, ContractVersion.IsCompatible(Version.Parse(version)));
    }

    [Fact]
    public void NullThrows() => Assert.Throws<ArgumentNullException>(() => ContractVersion.IsCompatible(null!));
}
