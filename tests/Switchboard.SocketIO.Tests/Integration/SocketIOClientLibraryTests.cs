using SocketIOClient;
using SocketIOClient.Transport;
using ClientOptions = SocketIOClient.SocketIOOptions;
using Switchboard.SocketIO.Tests.Support;

namespace Switchboard.SocketIO.Tests.Integration;

/// <summary>A third-party .NET client (the SocketIOClient package) against the server.</summary>
public class SocketIOClientLibraryTests
{
    private static async Task<TestServer> StartEchoServerAsync() => await TestServer.StartAsync(setup: io => io.OnConnection(s =>
    {
        s.On("hello", e => s.EmitAsync("hello-back", e.Args.GetString(0) + "!").AsTask());
        s.On("add", e => e.AckAsync(e.Args.Get<int>(0) + e.Args.Get<int>(1)).AsTask());
    }));

    private static SocketIOClient.SocketIO CreateClient(TestServer server, TransportProtocol transport) =>
        new(server.BaseUri.ToString(), new ClientOptions
        {
            Transport = transport,
            Reconnection = false,
            ConnectionTimeout = TimeSpan.FromSeconds(5),
            Auth = new { token = "abc" },
        });

    /// <summary>The client's ConnectAsync may return before its "connected" state is set; wait for the event.</summary>
    private static async Task ConnectAsync(SocketIOClient.SocketIO client)
    {
        var connected = new TaskCompletionSource();
        client.OnConnected += (_, _) => connected.TrySetResult();
        await client.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await connected.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData(TransportProtocol.WebSocket)]
    [InlineData(TransportProtocol.Polling)]
    public async Task Connects_and_exchanges_events(TransportProtocol transport)
    {
        await using var server = await StartEchoServerAsync();
        using var client = CreateClient(server, transport);
        var reply = new TaskCompletionSource<string>();
        client.On("hello-back", response => reply.TrySetResult(response.GetValue<string>()));

        await ConnectAsync(client);
        client.Connected.ShouldBeTrue();
        var socket = (await server.IO.FetchSocketsAsync()).Single();
        socket.Handshake.Auth.GetProperty("token").GetString().ShouldBe("abc");

        await client.EmitAsync("hello", "world");
        (await reply.Task.WaitAsync(TimeSpan.FromSeconds(5))).ShouldBe("world!");
        await client.DisconnectAsync();
    }

    [Fact]
    public async Task Receives_the_server_acknowledgement()
    {
        await using var server = await StartEchoServerAsync();
        using var client = CreateClient(server, TransportProtocol.WebSocket);
        await ConnectAsync(client);

        var sum = new TaskCompletionSource<int>();
        await client.EmitAsync("add", response => sum.TrySetResult(response.GetValue<int>()), 2, 40);
        (await sum.Task.WaitAsync(TimeSpan.FromSeconds(5))).ShouldBe(42);
        await client.DisconnectAsync();
    }

    [Fact]
    public async Task Answers_a_server_EmitWithAck()
    {
        var answer = new TaskCompletionSource<string>();
        await using var server = await TestServer.StartAsync(setup: io => io.OnConnection(s =>
            s.On("ready", async _ => answer.TrySetResult((await s.EmitWithAckAsync("question", TimeSpan.FromSeconds(5), "q")).GetString(0)!))));
        using var client = CreateClient(server, TransportProtocol.WebSocket);
        client.On("question", response => response.CallbackAsync("answer to " + response.GetValue<string>()));
        await ConnectAsync(client);
        await client.EmitAsync("ready");
        (await answer.Task.WaitAsync(TimeSpan.FromSeconds(5))).ShouldBe("answer to q");
        await client.DisconnectAsync();
    }
}
