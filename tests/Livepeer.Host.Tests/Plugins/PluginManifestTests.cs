using System.Text;
using Livepeer.Abstractions.Hosting;
using Livepeer.Host.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.Host.Tests.Plugins;

/// <summary>Broken manifests become Faulted states with a reason; none of them throws out of the loader.</summary>
public sealed class PluginManifestTests : IDisposable
{
    private readonly PluginsFolder _plugins = new();

    public void Dispose() => _plugins.Dispose();

    [Theory]
    [InlineData("id")]
    [InlineData("version")]
    [InlineData("entryAssembly")]
    [InlineData("abstractionsVersion")]
    public void Missing_required_field_is_faulted_naming_the_field(string field)
    {
        var manifest = Manifests.Valid("incomplete");
        manifest.Remove(field);
        _plugins.AddManifest("incomplete", manifest);

        var state = LoadSingle();

        Assert.Equal(PluginStatus.Faulted, state.Status);
        Assert.Contains($"'{field}' is required", state.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_and_the_folder_name_stands_in_for_the_id()
    {
        _plugins.AddRawManifest("empty-object", "{}"u8.ToArray());

        var state = LoadSingle();

        Assert.Equal("empty-object", state.Id);
        Assert.Equal("", state.Version);
        Assert.Equal(PluginStatus.Faulted, state.Status);
        foreach (var field in new[] { "id", "version", "entryAssembly", "abstractionsVersion" })
        {
            Assert.Contains($"'{field}' is required", state.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Property_names_are_case_insensitive_and_optional_fields_are_read()
    {
        var json = """
            {
              // comments and trailing commas are tolerated
              "ID": "cased", "Version": "2.0.0", "EntryAssembly": "Cased.dll", "ABSTRACTIONSVERSION": "1.0",
              "description": "A plugin.", "aptPackages": ["ffmpeg", "libsrt1.5-openssl"], "unknownFutureField": 1,
            }
            """;

        var result = PluginManifestReader.Parse(Encoding.UTF8.GetBytes(json), _plugins.Directory);

        Assert.Null(result.Error);
        var manifest = result.Manifest!;
        Assert.Equal(("cased", "2.0.0", "Cased.dll", "1.0"), (manifest.Id, manifest.Version, manifest.EntryAssembly, manifest.AbstractionsVersion));
        Assert.Equal("A plugin.", manifest.Description);
        Assert.Equal(["ffmpeg", "libsrt1.5-openssl"], manifest.AptPackages);
        Assert.Equal(Path.Combine(_plugins.Directory, "Cased.dll"), result.EntryAssemblyPath);
    }

    [Theory]
    [InlineData("""{ "id": """, "not valid JSON")]
    [InlineData("""[]""", "not valid JSON")]
    [InlineData("""null""", "must hold a JSON object")]
    [InlineData("", "not valid JSON")]
    [InlineData("""{ "id": 5, "version": "1", "entryAssembly": "a.dll", "abstractionsVersion": "1.0" }""", "not valid JSON")]
    [InlineData("""{ "id": "a", "id": "b", "version": "1", "entryAssembly": "a.dll", "abstractionsVersion": "1.0" }""", "not valid JSON")]
    [InlineData("""{ "id": "has space", "version": "1", "entryAssembly": "a.dll", "abstractionsVersion": "1.0" }""", "'id' 'has space'")]
    [InlineData("""{ "id": "a/b", "version": "1", "entryAssembly": "a.dll", "abstractionsVersion": "1.0" }""", "'id' 'a/b'")]
    [InlineData("""{ "id": "a", "version": " ", "entryAssembly": "a.dll", "abstractionsVersion": "1.0" }""", "'version' is required")]
    [InlineData("""{ "id": "a", "version": "1", "entryAssembly": "a.dll", "abstractionsVersion": "1" }""", "must be major.minor")]
    [InlineData("""{ "id": "a", "version": "1", "entryAssembly": "a.dll", "abstractionsVersion": "1.0.0" }""", "must be major.minor")]
    [InlineData("""{ "id": "a", "version": "1", "entryAssembly": "a.dll", "abstractionsVersion": "one.zero" }""", "must be major.minor")]
    [InlineData("""{ "id": "a", "version": "1", "entryAssembly": "a.dll", "abstractionsVersion": "99999999999.0" }""", "must be major.minor")]
    [InlineData("""{ "id": "a", "version": "1", "entryAssembly": "a.exe", "abstractionsVersion": "1.0" }""", "must name a .dll")]
    [InlineData("""{ "id": "a", "version": "1", "entryAssembly": "a.dll", "abstractionsVersion": "1.0", "aptPackages": ["ffmpeg; rm -rf /"] }""", "not a Debian package name")]
    public void Invalid_manifest_is_faulted_with_a_reason(string json, string reason)
    {
        _plugins.AddRawManifest("broken", Encoding.UTF8.GetBytes(json));

        var state = LoadSingle();

        Assert.Equal(PluginStatus.Faulted, state.Status);
        Assert.Contains(reason, state.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Garbage_bytes_are_faulted_never_thrown(int seed)
    {
        var random = new Random(seed);
        var bytes = new byte[random.Next(1, 4096)];
        random.NextBytes(bytes);
        _plugins.AddRawManifest("garbage", bytes);

        var state = LoadSingle();

        Assert.Equal(PluginStatus.Faulted, state.Status);
        Assert.False(string.IsNullOrEmpty(state.Reason));
    }

    [Fact]
    public void Mutated_valid_manifests_never_throw()
    {
        var valid = Encoding.UTF8.GetBytes("""{ "id": "m", "version": "1", "entryAssembly": "m.dll", "abstractionsVersion": "1.0", "aptPackages": ["ffmpeg"] }""");
        var random = new Random(1234);
        for (var i = 0; i < 500; i++)
        {
            var bytes = (byte[])valid.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            var result = PluginManifestReader.Parse(bytes, _plugins.Directory);

            Assert.True(result.Manifest is null != (result.Error is null), "exactly one of manifest and error");
        }
    }

    [Fact]
    public void Oversized_manifest_is_faulted_without_being_parsed()
    {
        _plugins.AddRawManifest("huge", Encoding.UTF8.GetBytes("{\"description\": \"" + new string('x', PluginManifestReader.MaxManifestBytes) + "\"}"));

        var state = LoadSingle();

        Assert.Equal(PluginStatus.Faulted, state.Status);
        Assert.Contains("the limit is", state.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void One_broken_manifest_does_not_stop_the_others()
    {
        _plugins.AddRawManifest("0-broken", [0xff, 0xfe, 0x00]);
        _plugins.AddFixture("GoodPlugin");

        var states = _plugins.Load(new ServiceCollection());

        Assert.Equal([PluginStatus.Faulted, PluginStatus.Active], states.Select(s => s.Status));
    }

    private PluginState LoadSingle() => Assert.Single(_plugins.Load(new ServiceCollection()));
}
