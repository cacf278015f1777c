using System.Text.Json.Nodes;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Crypto;
using Livepeer.Host.Crypto;
using Livepeer.Testing;

namespace Livepeer.Host.Tests.Crypto;

public sealed class KeystoreTests
{
    private static readonly ScryptParameters Fast = new(1024, 8, 1);
    private static readonly byte[] Key = Convert.FromHexString("7a28b5ba57c53603b0b07b56bba752f7784bf506fa95edc395f5cf6c7514fe9d");

    // The Web3 Secret Storage definition's PBKDF2 test vector (password "testpassword"; no address field there, so one is added).
    private const string Pbkdf2Vector = """
        {"crypto":{"cipher":"aes-128-ctr","cipherparams":{"iv":"6087dab2f9fdbbfaddc31a909735c1e6"},
        "ciphertext":"5318b4d5bcd28de64ee5559e671353e16f075ecae9f99c7a79a38af5f869aa46","kdf":"pbkdf2",
        "kdfparams":{"c":262144,"dklen":32,"prf":"hmac-sha256","salt":"ae3cd4e7013836a3df6bd7241b12db061dbe2c6785853cce422d148a624ce0bd"},
        "mac":"517ead924a9d0dc3124507e3393d175ce3ff7c1e96529c6c555ce9e51205e9b2"},"id":"3198bc9c-6672-5ab3-d995-4942343ae5b6","version":3}
        """;

    [Fact]
    public void Web3_secret_storage_pbkdf2_vector_decrypts() =>
        Assert.Equal(Key, KeystoreV3.Decrypt(Pbkdf2Vector, "testpassword"));

    [Fact]
    public void Round_trip_and_geth_layout()
    {
        var json = KeystoreV3.Encrypt(Key, "pässword", Fast);
        Assert.Equal(Key, KeystoreV3.Decrypt(json, "pässword"));
        var root = JsonNode.Parse(json)!;
        Assert.Equal(3, (int)root["version"]!);
        Assert.Equal("aes-128-ctr", (string)root["crypto"]!["cipher"]!);
        Assert.Equal("scrypt", (string)root["crypto"]!["kdf"]!);
        Assert.Equal(1024, (int)root["crypto"]!["kdfparams"]!["n"]!);
        Assert.Equal(new EthereumAccount(Key).Address, KeystoreV3.ReadAddress(json));
        Assert.Matches("^[0-9a-f]{40}$", (string)root["address"]!);
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", (string)root["id"]!);
    }

    [Fact]
    public void Wrong_password_is_a_clear_error()
    {
        var json = KeystoreV3.Encrypt(Key, "right", Fast);
        var e = Assert.Throws<KeystoreException>(() => KeystoreV3.Decrypt(json, "wrong"));
        Assert.Contains("could not decrypt key with given password", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tampered_mac_ciphertext_or_address_is_refused()
    {
        var json = KeystoreV3.Encrypt(Key, "pw", Fast);
        foreach (var field in new[] { "mac", "ciphertext" })
        {
            var node = JsonNode.Parse(json)!;
            var hex = (string)node["crypto"]![field]!;
            node["crypto"]![field] = (hex[0] == '0' ? "1" : "0") + hex[1..];
            Assert.Throws<KeystoreException>(() => KeystoreV3.Decrypt(node.ToJsonString(), "pw"));
        }

        var other = JsonNode.Parse(json)!;
        other["address"] = "3badDb1eeE2105893136A3F96c8a963E9C6309d6";
        var e = Assert.Throws<KeystoreException>(() => KeystoreV3.Decrypt(other.ToJsonString(), "pw"));
        Assert.Contains("not to the file's address", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("{\"version\":3}")]
    [InlineData("{\"version\":2,\"address\":\"3badDb1eeE2105893136A3F96c8a963E9C6309d6\"}")]
    [InlineData("{\"version\":3,\"address\":\"3badDb1eeE2105893136A3F96c8a963E9C6309d6\"}")]
    [InlineData("{\"version\":3,\"address\":\"xyz\",\"crypto\":{}}")]
    [InlineData("{\"version\":3,\"crypto\":{\"cipher\":\"aes-128-ctr\",\"ciphertext\":\"zz\",\"cipherparams\":{\"iv\":\"00\"},\"kdf\":\"scrypt\",\"kdfparams\":{},\"mac\":\"00\"}}")]
    [InlineData("{\"version\":3,\"crypto\":{\"cipher\":\"aes-256-gcm\"}}")]
    [InlineData("{\"version\":3,\"crypto\":{\"cipher\":\"aes-128-ctr\",\"ciphertext\":\"00\",\"cipherparams\":{\"iv\":\"00000000000000000000000000000000\"},\"kdf\":\"scrypt\",\"kdfparams\":{\"dklen\":32,\"n\":4194304,\"r\":8,\"p\":1,\"salt\":\"00\"},\"mac\":\"00\"}}")]
    [InlineData("{\"version\":3,\"crypto\":{\"cipher\":\"aes-128-ctr\",\"ciphertext\":\"00\",\"cipherparams\":{\"iv\":\"00000000000000000000000000000000\"},\"kdf\":\"argon2\",\"kdfparams\":{\"dklen\":32,\"salt\":\"00\"},\"mac\":\"00\"}}")]
    public void Corrupt_files_are_keystore_errors(string json) =>
        Assert.Throws<KeystoreException>(() => KeystoreV3.Decrypt(json, "pw"));

    [Fact]
    public void Creates_an_account_when_none_exists_then_unlocks_it()
    {
        using var dir = new TemporaryDirectory();
        var folder = dir.Combine("keystore");
        var created = EthereumKeystore.LoadOrCreate(folder, null, "pw", TimeProvider.System, Fast);
        Assert.True(created.Created);
        Assert.Matches(@"^UTC--\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{7}Z--[0-9a-f]{40}$", Path.GetFileName(created.File));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(created.File));
        }

        var again = EthereumKeystore.LoadOrCreate(folder, null, "pw", TimeProvider.System, Fast);
        Assert.False(again.Created);
        Assert.Equal(created.Account.Address, again.Account.Address);
        Assert.Equal(created.File, again.File);

        var byAddress = EthereumKeystore.LoadOrCreate(folder, created.Account.Address, "pw", TimeProvider.System, Fast);
        Assert.Equal(created.Account.Address, byAddress.Account.Address);
        var byFile = EthereumKeystore.LoadOrCreate(created.File, null, "pw", TimeProvider.System, Fast);
        Assert.Equal(created.Account.Address, byFile.Account.Address);
    }

    [Fact]
    public void Wrong_password_or_corrupt_file_leaves_the_file_untouched_and_creates_nothing()
    {
        using var dir = new TemporaryDirectory();
        var file = dir.Combine("key.json");
        File.WriteAllText(file, KeystoreV3.Encrypt(Key, "right", Fast));
        var before = File.ReadAllBytes(file);

        var e = Assert.Throws<KeystoreException>(() => EthereumKeystore.LoadOrCreate(dir.Path, null, "wrong", TimeProvider.System, Fast));
        Assert.Contains(file, e.Message, StringComparison.Ordinal);
        Assert.Contains("could not decrypt", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(file));

        File.WriteAllText(file, "{ corrupt");
        e = Assert.Throws<KeystoreException>(() => EthereumKeystore.LoadOrCreate(dir.Path, null, "right", TimeProvider.System, Fast));
        Assert.Contains("unreadable keystore files", e.Message, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(dir.Path));
        Assert.Equal("{ corrupt", File.ReadAllText(file));
    }

    [Fact]
    public void Several_accounts_need_ethAcctAddr_and_an_unknown_address_is_an_error()
    {
        using var dir = new TemporaryDirectory();
        var a = EthereumKeystore.LoadOrCreate(dir.Path, null, "pw", TimeProvider.System, Fast).Account;
        File.WriteAllText(dir.Combine("second"), KeystoreV3.Encrypt(Key, "pw", Fast));

        var e = Assert.Throws<KeystoreException>(() => EthereumKeystore.LoadOrCreate(dir.Path, null, "pw", TimeProvider.System, Fast));
        Assert.Contains("choose one with -ethAcctAddr", e.Message, StringComparison.Ordinal);
        Assert.Contains(a.Address.ToChecksumString(), e.Message, StringComparison.Ordinal);

        var second = EthereumKeystore.LoadOrCreate(dir.Path, new EthereumAccount(Key).Address, "pw", TimeProvider.System, Fast);
        Assert.Equal(new EthereumAccount(Key).Address, second.Account.Address);

        var unknown = EthAddress.Parse("0x3BadDb1eeE2105893136A3F96c8a963E9C6309d6");
        e = Assert.Throws<KeystoreException>(() => EthereumKeystore.LoadOrCreate(dir.Path, unknown, "pw", TimeProvider.System, Fast));
        Assert.Contains("no keystore file for it", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<KeystoreException>(() => EthereumKeystore.LoadOrCreate(dir.Combine("second"), unknown, "pw", TimeProvider.System, Fast));
        Assert.Contains("not -ethAcctAddr", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, Directory.GetFiles(dir.Path).Length);
    }

    [Fact]
    public void Password_may_be_a_file()
    {
        using var dir = new TemporaryDirectory();
        var file = dir.Combine("password.txt");
        File.WriteAllText(file, "s3cret\n");
        Assert.Equal("s3cret", EthereumKeystore.ResolvePassword(file));
        Assert.Equal("plain", EthereumKeystore.ResolvePassword("plain"));
        Assert.Equal("", EthereumKeystore.ResolvePassword(""));
    }
}
