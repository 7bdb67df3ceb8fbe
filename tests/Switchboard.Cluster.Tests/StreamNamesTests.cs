using Shouldly;
using Switchboard.SocketIO.Redis;
using Xunit;

namespace Switchboard.Cluster.Tests;

/// <summary>
/// With several streams a namespace's stream is named by Node's hash (expected values computed with the npm
/// package's own hashCode), so Node servers and Switchboard append one namespace to the same stream.
/// </summary>
public sealed class StreamNamesTests
{
    [Theory]
    [InlineData("/", "socket.io-2")]
    [InlineData("/custom", "socket.io-2")]
    [InlineData("/é€", "socket.io-1")]
    // A negative 32-bit hash keeps its sign under JavaScript's %, as Node names it.
    [InlineData("/admin-namespace-with-a-long-name", "socket.io--1")]
    public void Three_streams_name_each_namespace_as_Node_does(string nsp, string stream) =>
        new RedisStreamsAdapterOptions { StreamCount = 3 }.StreamFor(nsp).ShouldBe(stream);

    [Fact]
    public void One_stream_is_the_bare_name() =>
        new RedisStreamsAdapterOptions { StreamName = "events" }.StreamFor("/anything").ShouldBe("events");
}
