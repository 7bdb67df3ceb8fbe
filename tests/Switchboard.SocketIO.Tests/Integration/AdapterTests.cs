using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.SocketIO.Tests.Support;

namespace Switchboard.SocketIO.Tests.Integration;

/// <summary>The adapter is the seam a distributed backplane plugs into: every room-targeted operation reaches it.</summary>
public class AdapterTests
{
    [Fact]
    public async Task A_custom_adapter_registered_in_DI_sees_every_room_operation_and_can_apply_remote_ones()
    {
        var published = new ConcurrentQueue<AdapterOperation>();
        await using var server = await TestServer.StartAsync(services: s => s.AddSingleton<ISocketIOAdapterFactory>(new RecordingAdapterFactory(published)));
        var (ws, _) = await RawWebSocket.ConnectSocketIOAsync(server);
        await using var __ = ws;

        await server.IO.To("a").Except("b").EmitAsync("news", 1);
        await server.IO.In("a").SocketsJoinAsync("c");
        await server.IO.In("a").SocketsLeaveAsync("c");
        await server.IO.In("nobody").DisconnectSocketsAsync(close: true);

        published.Select(o => o.Kind).ShouldBe([AdapterOperationKind.Broadcast, AdapterOperationKind.AddRooms, AdapterOperationKind.RemoveRooms, AdapterOperationKind.DisconnectSockets]);
        var broadcast = published.First();
        broadcast.Options.Rooms.ShouldBe(["a"]);
        broadcast.Options.Except.ShouldBe(["b"]);
        Encoding.UTF8.GetString(broadcast.Packet!.Data.Span).ShouldBe("42[\"news\",1]");
        published.ElementAt(3).Close.ShouldBeTrue();

        // What another node would send: bytes received from the backplane are applied locally as they are.
        server.IO.Sockets.Adapter.ApplyLocal(AdapterOperation.Broadcast(new EncodedPacket(Encoding.UTF8.GetBytes("42[\"remote\",true]")), BroadcastOptions.All));
        (await ws.ReceiveTextAsync()).ShouldBe("42[\"remote\",true]");
    }

    [Fact]
    public async Task Local_broadcasts_are_flagged_so_a_backplane_does_not_forward_them()
    {
        var published = new ConcurrentQueue<AdapterOperation>();
        await using var server = await TestServer.StartAsync(services: s => s.AddSingleton<ISocketIOAdapterFactory>(new RecordingAdapterFactory(published)));
        await server.IO.Local.EmitAsync("x");
        published.Single().Options.Local.ShouldBeTrue();
    }

    private sealed class RecordingAdapterFactory(ConcurrentQueue<AdapterOperation> published) : ISocketIOAdapterFactory
    {
        public ISocketIOAdapter Create(Namespace nsp) => new RecordingAdapter(nsp, published);
    }

    private sealed class RecordingAdapter(Namespace nsp, ConcurrentQueue<AdapterOperation> published) : InMemoryAdapter(nsp)
    {
        public override ValueTask PublishAsync(AdapterOperation operation)
        {
            published.Enqueue(operation);
            return base.PublishAsync(operation);
        }
    }
}
