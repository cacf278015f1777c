using System.Globalization;
using System.Net;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Payments;
using Livepeer.Host.Crypto;
using Livepeer.Host.Hosting;
using Livepeer.Host.Storage;
using Livepeer.Host.Tests.Byoc;
using Livepeer.Testing;
using Microsoft.Data.Sqlite;
using Net = Livepeer.Host.Protocol.Net;

namespace Livepeer.Host.Tests.Payments;

/// <summary>
/// The whole <c>pm</c> scheme without a chain: an orchestrator (Byoc, Trickle, TextReversal, Pm; embedded broker on a
/// 200 ms clock chain funding the gateway's key) and a <c>-remoteSigner</c> gateway holding that key. Tickets are
/// made to win all but once in a million: the face value is capped at ticket EV + 1, so winProb = EV × ⌈(2^256 − 1) / fv⌉
/// (face value = EV would win surely, but a gateway refuses it: <c>ticket faceValue too low</c>, as upstream). The winner
/// is queued before the start's 200, redeemed by the queue worker once its params expire, and replayed or forged
/// payments are refused.
/// </summary>
[Collection(nameof(ByocWireTests))]
public sealed class PmEndToEndTests
{
    private const string Password = "pm-e2e";
    private const string Capability = "text-reversal";
    private static readonly BigInteger TicketEv = 1_000_000_000;
    private static readonly BigInteger FaceValue = TicketEv + 1;
    private static readonly BigInteger MaxWinProb = BigInteger.Pow(2, 256) - 1;
    private static readonly BigInteger Deposit = 10_000_000_000;
    private static readonly BigInteger Reserve = 5_000_000_000;

    [Fact]
    public async Task A_winning_ticket_is_queued_before_the_start_answer_and_redeemed_after_its_params_expire()
    {
        using var dir = new TemporaryDirectory();
        var gatewayKey = RandomNumberGenerator.GetBytes(32);
        var gateway = new EthereumAccount(gatewayKey);
        var funds = new[]
        {
            "--Payments:Broker:BlockInterval=200ms",
            $"--Payments:Broker:Senders:{gateway.Address}:Deposit={Deposit}",
            $"--Payments:Broker:Senders:{gateway.Address}:Reserve={Reserve}",
        };

        await using var signer = await InProcessNode.StartAsync(
        [
            "-remoteSigner", "-paymentScheme", "pm", "-ethKeystorePath", Keystore(dir, "signer", gatewayKey), "-ethPassword", Password,
            "-pluginsDir", Plugins(dir, "signer-plugins", "Pm"), .. funds,
        ]);
        await using var orchestrator = await InProcessNode.StartAsync(
        [
            "-orchestrator", "-paymentScheme", "pm", "-ethKeystorePath", Keystore(dir, "orchestrator", RandomNumberGenerator.GetBytes(32)), "-ethPassword", Password,
            "-pluginsDir", Plugins(dir, "orchestrator-plugins", "Pm", "Trickle", "Byoc", "TextReversal"),
            "-pricePerUnit", "1", "-ticketEV", TicketEv.ToString(CultureInfo.InvariantCulture), "-maxFaceValue", FaceValue.ToString(CultureInfo.InvariantCulture),
            "--Plugins:TextReversal:PricePerSecond=1000", "--Plugins:Byoc:DebitInterval=1h", .. funds,
        ]);
        using var client = new SdkClient(gateway);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        // GetOrchestrator (preflight form, so capabilities_prices carries the capability's price) has pm ticket params.
        var info = await client.GetOrchestratorAsync(orchestrator.Service, withCapabilities: false);
        Assert.Equal(FaceValue, Unsigned(info.TicketParams.FaceValue));
        var winProb = TicketEv * ((MaxWinProb + FaceValue - 1) / FaceValue);
        Assert.Equal(winProb, Unsigned(info.TicketParams.WinProb));

        // The credit of one ticket, exactly: faceValue × winProb / (2^256 − 1), in [EV, EV + 1), so Livepeer-Balance (its floor) is EV.
        var credit = BigInteger.DivRem(FaceValue * winProb, MaxWinProb);
        Assert.Equal(TicketEv, credit.Quotient);
        Assert.NotEqual(BigInteger.Zero, credit.Remainder);
        Assert.Equal(32, info.TicketParams.RecipientRandHash.Length);

        // The remote signer turns the OrchestratorInfo into a Livepeer-Payment header: one ticket of EV = face value.
        var id = "pm" + Guid.NewGuid().ToString("N")[..12];
        var body = $$"""{"orchestrator":"{{Convert.ToBase64String(info.ToByteArray())}}","type":"BYOC","RequestID":"r1","manifestID":"{{id}}","preloadSeconds":60,"capability":"{{Capability}}"}""";
        using var generated = await http.PostAsync(new Uri(signer.Http, "generate-live-payment"), new StringContent(body, Encoding.UTF8, "application/json"));
        var generatedText = await generated.Content.ReadAsStringAsync();
        Assert.True(generated.StatusCode == HttpStatusCode.OK, generatedText);
        var header = JsonDocument.Parse(generatedText).RootElement.GetProperty("payment").GetString()!;
        var payment = Net.Payment.Parser.ParseFrom(Convert.FromBase64String(header));
        Assert.Equal(gateway.Address.ToArray(), payment.Sender.ToByteArray());
        Assert.Single(payment.TicketSenderParams);

        // Start with the payment: 200, the balance is exactly one ticket's EV, and the winner is already on disk.
        var transcoder = new Uri(info.Transcoder + "/");
        var job = client.Job(Capability, id);
        using (var start = await client.PostAsync(new Uri(transcoder, "ai/stream/start"), job, $"{{\"stream_id\": \"{id}\"}}", payment: true, paymentHeader: header))
        {
            Assert.True(start.StatusCode == HttpStatusCode.OK, await start.Content.ReadAsStringAsync());
            Assert.Equal(TicketEv.ToString(CultureInfo.InvariantCulture), start.Headers.GetValues("Livepeer-Balance").Single());
        }

        // The exact credit, as the orchestrator's pm receiver holds it for the stream's ledger (docs/byoc.md: byoc/{capability}/{stream id}).
        var receiver = ExtensionCatalog.Resolve<IPaymentReceiver>(orchestrator.Services, "pm")!;
        var ledger = $"byoc/{Capability}/{id}";
        var exact = new Rational(FaceValue * winProb, MaxWinProb);
        Assert.Equal(exact, await receiver.GetBalanceAsync(gateway.Address, ledger, default));

        var database = Directory.GetFiles(orchestrator.DataDir, NodeDatabase.FileName, SearchOption.AllDirectories).Single();
        var queued = await QueueAsync(database);
        var row = Assert.Single(queued);
        Assert.Equal(FaceValue, row.FaceValue);
        Assert.Null(row.RedeemedAt);

        // A replayed header (same nonce) and a forged one (nonce changed under the old signature) are refused; nothing is credited or queued.
        var forged = payment.Clone();
        forged.TicketSenderParams[0].SenderNonce += 1;
        foreach (var bad in new[] { header, Convert.ToBase64String(forged.ToByteArray()) })
        {
            using var refused = await client.PostAsync(new Uri(transcoder, "ai/stream/payment"), job, null, payment: true, contentType: "application/x-www-form-urlencoded", paymentHeader: bad);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        using (var balance = await client.PostAsync(new Uri(transcoder, "ai/stream/payment"), job, null, payment: false, contentType: "application/x-www-form-urlencoded"))
        {
            Assert.Equal(HttpStatusCode.OK, balance.StatusCode);
            Assert.Equal(TicketEv.ToString(CultureInfo.InvariantCulture), balance.Headers.GetValues("Livepeer-Balance").Single());
        }

        Assert.Equal(exact, await receiver.GetBalanceAsync(gateway.Address, ledger, default));
        Assert.Single(await QueueAsync(database));

        // Params live 40 blocks (8 s); then the worker redeems the ticket from the deposit.
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while ((await QueueAsync(database)).Single().RedeemedAt is null)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "the winning ticket was not redeemed within 30 s");
            await Task.Delay(250);
        }

        var redeemed = (await QueueAsync(database)).Single();
        Assert.Null(redeemed.RedeemError);
        Assert.NotNull(redeemed.TxHash);
        Assert.NotEqual("0x" + new string('0', 64), redeemed.TxHash);
        var (deposit, reserve) = await SenderFundsAsync(database, gateway.Address.ToString());
        Assert.Equal(Deposit - FaceValue, deposit);
        Assert.Equal(Reserve, reserve);
    }

    private static string Keystore(TemporaryDirectory dir, string name, byte[] key)
    {
        var file = dir.Combine(name + "-key.json");
        File.WriteAllText(file, KeystoreV3.Encrypt(key, Password, ScryptParameters.Light));
        return file;
    }

    private static string Plugins(TemporaryDirectory dir, string name, params string[] ids)
    {
        var plugins = dir.Combine(name);
        foreach (var id in ids)
        {
            ByocWireTests.CopyDirectory(Path.Combine(AppContext.BaseDirectory, "shipped-plugins", id), Path.Combine(plugins, id));
        }

        return plugins;
    }

    private static BigInteger Unsigned(ByteString bytes) => new(bytes.Span, isUnsigned: true, isBigEndian: true);

    private static SqliteConnection Open(string database)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static async Task<List<QueuedTicket>> QueueAsync(string database)
    {
        await using var connection = Open(database);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT faceValue, redeemedAt, txHash, redeemError FROM ticketQueue;";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<QueuedTicket>();
        while (await reader.ReadAsync())
        {
            rows.Add(new QueuedTicket(
                new BigInteger((byte[])reader.GetValue(0), isUnsigned: true, isBigEndian: true),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return rows;
    }

    private static async Task<(BigInteger Deposit, BigInteger Reserve)> SenderFundsAsync(string database, string sender)
    {
        await using var connection = Open(database);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT deposit, reserve FROM brokerSenders WHERE sender = $s;";
        command.Parameters.AddWithValue("$s", sender);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "no brokerSenders row for " + sender);
        return (BigInteger.Parse(reader.GetString(0), CultureInfo.InvariantCulture), BigInteger.Parse(reader.GetString(1), CultureInfo.InvariantCulture));
    }

    private sealed record QueuedTicket(BigInteger FaceValue, string? RedeemedAt, string? TxHash, string? RedeemError);
}
