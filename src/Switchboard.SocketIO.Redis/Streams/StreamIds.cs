using System.Globalization;

namespace Switchboard.SocketIO.Redis;

/// <summary>Redis stream entry ids (<c>ms-seq</c>) in their order.</summary>
internal static class StreamIds
{
    public static int Compare(string a, string b)
    {
        var (aMs, aSeq) = Parse(a);
        var (bMs, bSeq) = Parse(b);
        var byMs = aMs.CompareTo(bMs);
        return byMs != 0 ? byMs : aSeq.CompareTo(bSeq);
    }

    private static (ulong Ms, ulong Seq) Parse(string id)
    {
        var dash = id.IndexOf('-');
        return dash < 0
            ? (ulong.Parse(id, CultureInfo.InvariantCulture), 0)
            : (ulong.Parse(id.AsSpan(0, dash), CultureInfo.InvariantCulture), ulong.Parse(id.AsSpan(dash + 1), CultureInfo.InvariantCulture));
    }
}
