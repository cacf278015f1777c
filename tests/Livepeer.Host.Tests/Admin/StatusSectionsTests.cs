using System.Text.Json.Nodes;
using Livepeer.Abstractions.Status;
using Livepeer.Host.Admin;

namespace Livepeer.Host.Tests.Admin;

/// <summary>Plugins' sections of <c>GET /status</c>: each under its name, a failing one contained, a repeated name kept once.</summary>
public sealed class StatusSectionsTests
{
    [Fact]
    public void Sections_appear_by_name_and_one_failure_does_not_spoil_the_others()
    {
        var sections = NodeStatus.Snapshot(
        [
            new Section("webrtc", () => new JsonObject { ["sessions"] = 2 }),
            new Section("broken", () => throw new InvalidOperationException("went wrong")),
            new Section("webrtc", () => new JsonObject { ["sessions"] = 99 }),
            new Section("empty", () => null),
        ]);

        Assert.Equal(["webrtc", "broken", "empty"], sections.Keys);
        Assert.Equal(2, sections["webrtc"]!["sessions"]!.GetValue<int>());
        Assert.Equal("went wrong", sections["broken"]!["error"]!.GetValue<string>());
        Assert.Null(sections["empty"]);
    }

    private sealed class Section(string name, Func<JsonNode?> snapshot) : INodeStatusSection
    {
        public string Name => name;

        public JsonNode? Snapshot() => snapshot();
    }
}
