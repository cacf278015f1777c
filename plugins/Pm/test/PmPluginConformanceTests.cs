using Livepeer.Abstractions;
using Livepeer.Abstractions.Conformance;
using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Abstractions.Hosting;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Abstractions.Payments;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.Plugins.Pm.Tests;

/// <summary>The kit's plugin facts, resolving from a real container that has none of the host's pm services.</summary>
public sealed class PmPluginConformanceTests : PluginConformanceTests<PmPlugin>
{
    protected override IServiceProvider? BuildServiceProvider(IServiceCollection services) =>
        services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

    [Fact]
    public void ManifestIdIsTheFolderName() => Assert.Equal("Pm", Manifest.Id);

    [Fact]
    public void ReceiverOnlyOnAnOrchestrator()
    {
        using var provider = (ServiceProvider)BuildServiceProvider(Register(NodeRoles.Orchestrator))!;

        Assert.Equal("pm", Assert.Single(provider.GetServices<IPaymentReceiver>()).Name);
        Assert.Empty(provider.GetServices<IPaymentSender>());
    }

    [Theory]
    [InlineData(NodeRoles.Gateway)]
    [InlineData(NodeRoles.RemoteSigner)]
    public void SenderOnlyOnAGatewayOrARemoteSigner(NodeRoles roles)
    {
        using var provider = (ServiceProvider)BuildServiceProvider(Register(roles))!;

        Assert.Equal("pm", Assert.Single(provider.GetServices<IPaymentSender>()).Name);
        Assert.Empty(provider.GetServices<IPaymentReceiver>());
    }

    [Theory]
    [InlineData(NodeRoles.Transcoder)]
    [InlineData(NodeRoles.None)]
    public void NothingElsewhere(NodeRoles roles) => Assert.Empty(Register(roles));

    [Fact]
    public async Task WithoutTheHostsServicesUseFailsClearly()
    {
        using var provider = (ServiceProvider)BuildServiceProvider(Register(NodeRoles.Orchestrator))!;
        var receiver = provider.GetRequiredService<IPaymentReceiver>(); // constructing needs nothing

        var error = await Assert.ThrowsAsync<PaymentException>(async () => await receiver.GetTicketParamsAsync(EthAddress.Zero, Price.Free, default));

        Assert.Contains("ticket broker", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolvesTheHostsServicesLazily()
    {
        var services = Register(NodeRoles.Orchestrator);
        var harness = new Harness();
        services.AddSingleton<ITicketBroker>(harness.Broker);
        services.AddSingleton<IMaxFloatSource>(harness.MaxFloat);
        services.AddSingleton<IWinningTicketQueue>(harness.Queue);
        services.AddSingleton<Abstractions.Crypto.IEthereumAccount>(TestKeys.Orchestrator);
        services.AddSingleton(TestKeys.Verifier);
        services.AddSingleton<IRandomSource>(new SeededRandomSource(3));
        using var provider = services.BuildServiceProvider();

        var p = await provider.GetRequiredService<IPaymentReceiver>().GetTicketParamsAsync(TestKeys.Gateway.Address, Harness.Price, default);

        Assert.Equal(TestKeys.Orchestrator.Address, p!.Recipient);
    }
}
