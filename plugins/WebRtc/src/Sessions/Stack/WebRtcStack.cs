using System.Net;
using System.Security.Cryptography;
using Livepeer.Plugins.WebRtc.Dtls;
using Livepeer.Plugins.WebRtc.Ice;
using Livepeer.Plugins.WebRtc.Sdp;
using Livepeer.Plugins.WebRtc.Transport;

namespace Livepeer.Plugins.WebRtc.Sessions.Stack;

/// <summary>
/// The session layer's <see cref="IWebRtcStack"/> on the plugin's own layers: the offer parsed by <see cref="SdpOffer"/>,
/// a transport (ICE-lite + DTLS-SRTP) from <see cref="IWebRtcTransportFactory"/> made with the offer's ICE
/// credentials and fingerprint, and the answer built by <see cref="SdpAnswerBuilder"/> with the transport's: one host
/// candidate on the transport's socket, or one per configured <see cref="WebRtcOptions.CandidateAddresses"/> entry.
/// </summary>
internal sealed class WebRtcStack(IWebRtcTransportFactory transports, TimeProvider time, IReadOnlyList<IPAddress>? candidateAddresses = null) : IWebRtcStack
{
    public IWhipPeer AcceptPublisher(string offerSdp)
    {
        var (offer, remote) = Parse(offerSdp);
        var transport = Create(remote);
        try
        {
            var answer = Answer(offer, transport, new SdpAnswerOptionsSeed(SdpRole.Whip, true, true, 0, 0));
            if (answer.Video is null || !answer.Video.Codec.Is("H264"))
            {
                throw new OfferRejectedException("the offer has no usable H.264 video");
            }

            return new WhipPeer(transport, answer, NonZeroRandom(), time);
        }
        catch
        {
            _ = transport.DisposeAsync().AsTask();
            throw;
        }
    }

    public IWhepPeer AcceptViewer(string offerSdp, bool streamHasVideo, bool streamHasAudio)
    {
        var (offer, remote) = Parse(offerSdp);
        var transport = Create(remote);
        try
        {
            var videoSsrc = NonZeroRandom();
            var audioSsrc = NonZeroRandom();
            var answer = Answer(offer, transport, new SdpAnswerOptionsSeed(SdpRole.Whep, streamHasVideo, streamHasAudio, videoSsrc, audioSsrc));
            if (answer.Video is null && answer.Audio is null)
            {
                throw new OfferRejectedException("the offer accepts none of the stream's tracks (H.264 video, Opus audio)");
            }

            return new WhepPeer(transport, answer, videoSsrc, audioSsrc, time);
        }
        catch
        {
            _ = transport.DisposeAsync().AsTask();
            throw;
        }
    }

    private static (SdpOffer Offer, WebRtcRemotePeer Remote) Parse(string offerSdp)
    {
        SdpOffer offer;
        try
        {
            offer = SdpOffer.Parse(offerSdp);
        }
        catch (SdpException e)
        {
            throw new OfferRejectedException(e.Message, e);
        }

        var media = offer.Media.FirstOrDefault(m => m.IsRtp && m.Port != 0)
            ?? throw new OfferRejectedException("the offer has no audio or video section");
        var ufrag = offer.IceUfragOf(media);
        var pwd = offer.IcePwdOf(media);
        var fingerprint = offer.FingerprintOf(media);
        if (ufrag is null || pwd is null || fingerprint is null)
        {
            throw new OfferRejectedException("the offer lacks ICE credentials or a DTLS fingerprint");
        }

        if (!DtlsFingerprint.TryParse(fingerprint.ToString(), out var dtls))
        {
            throw new OfferRejectedException("the offer's fingerprint is not usable");
        }

        return (offer, new WebRtcRemotePeer(new IceCredentials(ufrag, pwd), dtls));
    }

    private IWebRtcTransport Create(WebRtcRemotePeer remote)
    {
        try
        {
            return transports.Create(remote);
        }
        catch (ArgumentException e)
        {
            throw new OfferRejectedException(e.Message, e);
        }
    }

    private SdpAnswer Answer(SdpOffer offer, IWebRtcTransport transport, SdpAnswerOptionsSeed seed)
    {
        var fingerprint = new SdpFingerprint(transport.LocalFingerprint.Algorithm, transport.LocalFingerprint.Value.ToArray());
        try
        {
            return SdpAnswerBuilder.Build(offer, new SdpAnswerOptions
            {
                Role = seed.Role,
                IceUfrag = transport.LocalIce.Ufrag,
                IcePwd = transport.LocalIce.Password,
                Fingerprint = fingerprint,
                Candidates = candidateAddresses is { Count: > 0 } addresses
                    ? [.. addresses.Select(a => new IPEndPoint(a, transport.LocalEndPoint.Port))]
                    : [transport.LocalEndPoint],
                SessionId = (ulong)RandomNumberGenerator.GetInt32(1, int.MaxValue),
                AcceptVideo = seed.Video,
                AcceptAudio = seed.Audio,
                VideoSsrc = seed.VideoSsrc,
                AudioSsrc = seed.AudioSsrc,
            });
        }
        catch (SdpException e)
        {
            throw new OfferRejectedException(e.Message, e);
        }
    }

    private static uint NonZeroRandom() => (uint)RandomNumberGenerator.GetInt32(1, int.MaxValue);

    private sealed record SdpAnswerOptionsSeed(SdpRole Role, bool Video, bool Audio, uint VideoSsrc, uint AudioSsrc);
}
