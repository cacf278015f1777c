using System.Net;
using System.Text;
using Livepeer.Plugins.WebRtc.Sdp;

namespace Livepeer.Plugins.WebRtc.Tests.Sdp;

public sealed class SdpFuzzTests
{
    [Fact]
    public void MutatedOffersFailOnlyWithTypedErrors()
    {
        var random = new Random(8);
        var seeds = SdpVectors.Good.Select(row => (string)row[1]).Concat(SdpVectors.Malformed.Select(row => (string)row[1])).ToArray();
        var options = new SdpAnswerOptions
        {
            Role = SdpRole.Whip,
            IceUfrag = "abcd",
            IcePwd = "abcdefghijklmnopqrstuv",
            Fingerprint = SdpFingerprint.Parse("sha-256 " + string.Join(':', Enumerable.Repeat("AB", 32))),
            Candidates = [new IPEndPoint(IPAddress.Loopback, 1)],
        };
        var parsed = 0;
        for (var i = 0; i < 3000; i++)
        {
            var seed = seeds[random.Next(seeds.Length)];
            var text = Mutate(seed, random);
            try
            {
                var offer = SdpOffer.Parse(text);
                parsed++;
                SdpOffer.Parse(SdpAnswerBuilder.Build(offer, options).Sdp);
            }
            catch (SdpException)
            {
            }
        }

        Assert.InRange(parsed, 100, 3000);
    }

    private static string Mutate(string seed, Random random)
    {
        var chars = new StringBuilder(seed);
        var edits = random.Next(1, 6);
        for (var e = 0; e < edits && chars.Length > 0; e++)
        {
            var at = random.Next(chars.Length);
            switch (random.Next(5))
            {
                case 0:
                    chars[at] = (char)random.Next(0, 128);
                    break;
                case 1:
                    chars.Remove(at, Math.Min(random.Next(1, 40), chars.Length - at));
                    break;
                case 2:
                    chars.Insert(at, seed.AsSpan(random.Next(seed.Length / 2), Math.Min(40, seed.Length / 2)));
                    break;
                case 3:
                    chars.Length = at;
                    break;
                default:
                    chars.Insert(at, random.Next(2) == 0 ? ":" : " ");
                    break;
            }
        }

        return chars.ToString();
    }
}
