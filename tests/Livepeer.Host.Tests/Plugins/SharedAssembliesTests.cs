using System.Reflection;
using Livepeer.Host.Plugins;

namespace Livepeer.Host.Tests.Plugins;

public sealed class SharedAssembliesTests
{
    [Theory]
    [InlineData("Livepeer.Abstractions")]
    [InlineData("livepeer.abstractions")]
    [InlineData("Livepeer.Abstractions.Hosting")]
    [InlineData("Livepeer.Media")]
    [InlineData("Microsoft.Extensions.DependencyInjection.Abstractions")]
    [InlineData("Microsoft.Extensions.Configuration.Abstractions")]
    [InlineData("Microsoft.Extensions.Logging.Abstractions")]
    [InlineData("Microsoft.Extensions.Options")]
    [InlineData("Microsoft.Extensions.Primitives")]
    [InlineData("Microsoft.Extensions.Hosting.Abstractions")]
    [InlineData("Microsoft.Extensions.FileProviders.Abstractions")]
    [InlineData("Microsoft.AspNetCore.Http.Abstractions")]
    [InlineData("Microsoft.AspNetCore.Routing")]
    public void Contracts_and_framework_assemblies_are_shared(string name)
    {
        Assert.True(SharedAssemblies.IsShared(new AssemblyName(name)));
    }

    [Theory]
    [InlineData("Fixture.Dependency")]
    [InlineData("Newtonsoft.Json")]
    [InlineData("Livepeer.Abstractions.Extra")]
    [InlineData("Livepeer.Host")]
    [InlineData("Microsoft.Extensions.NotInTheSharedFramework")]
    [InlineData("Microsoft.AspNetCore.NotInTheSharedFramework")]
    public void Everything_else_stays_private_to_the_plugin(string name)
    {
        Assert.False(SharedAssemblies.IsShared(new AssemblyName(name)));
    }
}
