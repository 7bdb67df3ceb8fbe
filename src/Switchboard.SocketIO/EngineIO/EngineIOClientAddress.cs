using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace Switchboard.SocketIO.EngineIO;

/// <summary>How the per-address session and handshake limits name a client.</summary>
public static class EngineIOClientAddress
{
    /// <summary>
    /// The remote IP address as text; an IPv6 address is grouped by its /64 prefix (one host usually owns a
    /// whole /64, so counting single IPv6 addresses would limit nothing). Loopback clients, and requests
    /// without an address (in-memory test hosts), get null: they are exempt from the per-address limits,
    /// so that a proxy on the same host whose forwarded address is not applied does not put every client
    /// in one bucket.
    /// </summary>
    public static string? Default(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null || IPAddress.IsLoopback(address))
        {
            return null;
        }

        return Key(address);
    }

    /// <summary>Like <see cref="Default"/> but loopback clients are limited too (tests, or a server reached only directly).</summary>
    public static string? IncludingLoopback(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address ? Key(address) : null;

    private static string Key(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes).ToString() + "/64";
    }
}
