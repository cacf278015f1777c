using System.Net;
using System.Text;
using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Plugins.WebRtc.Ice;
using Livepeer.Plugins.WebRtc.Stun;

namespace Livepeer.Plugins.WebRtc.Tests.Ice;

public sealed class IceLiteAgentTests
{
    private static readonly IceCredentials Local = new("locl", "local-password-22-chars");
    private static readonly IceCredentials Remote = new("remt", "remote-password-22-char");

    [Fact]
    public void Checks_are_answered_validated_and_nominated_per_rfc_8445()
    {
        var time = new ManualTimeProvider();
        var agent = new IceLiteAgent(Local, Remote, time, TimeSpan.FromSeconds(30));
        var a = new IPEndPoint(IPAddress.Loopback, 1000);
        var b = new IPEndPoint(IPAddress.Loopback, 2000);

        Assert.Equal(IceCheckOutcome.Accepted, agent.HandleStun(Check(useCandidate: false), a, out var response));
        var answer = StunMessage.Parse(response);
        Assert.Equal(a, answer.XorMappedAddress);
        Assert.True(answer.VerifyIntegrity(Encoding.UTF8.GetBytes(Local.Password)));
        Assert.Equal(a, agent.SelectedRemote);
        Assert.False(agent.Nominated);

        Assert.Equal(IceCheckOutcome.Accepted, agent.HandleStun(Check(useCandidate: true), b, out _));
        Assert.Equal(b, agent.SelectedRemote);
        Assert.True(agent.Nominated);
        Assert.Equal(IceCheckOutcome.Accepted, agent.HandleStun(Check(useCandidate: false), a, out _));
        Assert.Equal(b, agent.SelectedRemote); // a nominated pair stays selected
        Assert.True(agent.IsValidated(a) && agent.IsValidated(b));

        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(agent.ConsentExpired);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.True(agent.ConsentExpired);
    }

    [Fact]
    public void Bad_checks_get_the_rfc_8489_error_or_nothing()
    {
        var agent = new IceLiteAgent(Local, Remote, new ManualTimeProvider(), TimeSpan.FromSeconds(30));
        var from = new IPEndPoint(IPAddress.Loopback, 1000);
        var noIntegrity = new StunMessageBuilder(StunClass.Request, StunConstants.BindingMethod, new byte[12]).AddUsername("locl:remt").Build();
        Assert.Equal(IceCheckOutcome.BadRequest, agent.HandleStun(noIntegrity, from, out var response));
        Assert.Equal(400, StunMessage.Parse(response).ErrorCode!.Value.Code);

        var controlled = new StunMessageBuilder(StunClass.Request, StunConstants.BindingMethod, new byte[12])
            .AddUsername("locl:remt").AddIceControlled(1).Build(Encoding.UTF8.GetBytes(Local.Password));
        Assert.Equal(IceCheckOutcome.RoleConflict, agent.HandleStun(controlled, from, out response));
        Assert.Equal(487, StunMessage.Parse(response).ErrorCode!.Value.Code);

        var indication = new StunMessageBuilder(StunClass.Indication, StunConstants.BindingMethod, new byte[12]).Build();
        Assert.Equal(IceCheckOutcome.Ignored, agent.HandleStun(indication, from, out response));
        Assert.Null(response);

        var noFingerprint = new StunMessageBuilder(StunClass.Request, StunConstants.BindingMethod, new byte[12])
            .AddUsername("locl:remt").Build(Encoding.UTF8.GetBytes(Local.Password), fingerprint: false);
        Assert.Equal(IceCheckOutcome.Dropped, agent.HandleStun(noFingerprint, from, out response));
        Assert.Null(response);
        Assert.False(agent.IsValidated(from));
        Assert.Null(agent.SelectedRemote);
    }

    [Fact]
    public void At_most_eight_addresses_stay_validated()
    {
        var agent = new IceLiteAgent(Local, Remote, new ManualTimeProvider(), TimeSpan.FromSeconds(30));
        for (var port = 1; port <= 20; port++)
        {
            agent.HandleStun(Check(false), new IPEndPoint(IPAddress.Loopback, port), out _);
        }

        Assert.Equal(IceLiteAgent.MaxValidatedAddresses, Enumerable.Range(1, 20).Count(p => agent.IsValidated(new IPEndPoint(IPAddress.Loopback, p))));
        Assert.True(agent.IsValidated(new IPEndPoint(IPAddress.Loopback, 20)));
    }

    private static byte[] Check(bool useCandidate)
    {
        var builder = new StunMessageBuilder(StunClass.Request, StunConstants.BindingMethod, Guid.NewGuid().ToByteArray()[..12])
            .AddUsername("locl:remt").AddPriority(1).AddIceControlling(7);
        if (useCandidate)
        {
            builder.AddUseCandidate();
        }

        return builder.Build(Encoding.UTF8.GetBytes(Local.Password));
    }
}
