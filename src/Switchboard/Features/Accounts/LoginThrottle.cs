using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Switchboard.Features.Accounts;

/// <summary><c>RateLimits:Login</c>.</summary>
public sealed class LoginLimits
{
    /// <summary>Sign-in attempts per client address per minute, whatever the email (the middleware policy).</summary>
    public int PerIpPerMinute { get; set; } = 20;

    /// <summary>Wrong passwords one address may give for one email before it has to wait.</summary>
    public int FailuresBeforeBackoff { get; set; } = 10;

    /// <summary>The first wait; it doubles with each further wrong password from that address for that email.</summary>
    public int BackoffSeconds { get; set; } = 60;

    /// <summary>The longest wait.</summary>
    public int MaxBackoffSeconds { get; set; } = 3600;

    /// <summary>
    /// Wrong passwords for one email from all addresses together in an hour; past it, every address that has
    /// already given a wrong password for that email waits until the hour is over. Addresses that have not are
    /// never held back by it.
    /// </summary>
    public int EmailFailuresPerHour { get; set; } = 100;
}

/// <summary>
/// Password guessing is slowed without letting anyone lock the owner of an account out:
/// <list type="bullet">
/// <item>per client address, every attempt counts (<see cref="IpPolicy"/>, the ASP.NET Core rate limiter);</item>
/// <item>per (email, address) pair only wrong passwords count: after <see cref="LoginLimits.FailuresBeforeBackoff"/>
/// the pair waits <see cref="LoginLimits.BackoffSeconds"/>, doubling with each further failure up to
/// <see cref="LoginLimits.MaxBackoffSeconds"/>; a right password clears the pair;</item>
/// <item>per email, wrong passwords from all addresses count towards <see cref="LoginLimits.EmailFailuresPerHour"/>;
/// past it, only addresses that have themselves failed for that email are held back, so a distributed guesser
/// gets one guess per fresh address per hour while the owner, signing in from an address that has not failed,
/// always gets through.</item>
/// </list>
/// A pair is forgotten once it has been quiet for twice the longest wait (or an hour, if that is longer).
/// State is in process memory: each node counts on its own.
/// </summary>
public sealed class LoginThrottle(IOptions<LoginLimits> options, TimeProvider time)
{
    public const string IpPolicy = "login-per-ip";

    private static readonly TimeSpan EmailWindow = TimeSpan.FromHours(1);
    private static readonly TimeSpan InFlightWait = TimeSpan.FromSeconds(1);

    private readonly LoginLimits _limits = options.Value;
    private readonly ConcurrentDictionary<(string Email, string Address), PairState> _pairs = new();
    private readonly ConcurrentDictionary<string, EmailState> _emails = new();
    private long _sweepAt = 4096;

    private TimeSpan ForgetAfter => TimeSpan.FromSeconds(Math.Max(3600, 2L * _limits.MaxBackoffSeconds));

    /// <summary>
    /// Starts an attempt, or says how long this address must wait before trying this email again. The caller
    /// reports the outcome with <see cref="Attempt.Failed"/> or <see cref="Attempt.Succeeded"/> and disposes it.
    /// </summary>
    public Attempt? TryBegin(string normalizedEmail, string address, out TimeSpan wait)
    {
        var now = time.GetUtcNow();
        SweepIfLarge(now);
        var pair = _pairs.GetOrAdd((normalizedEmail, address), _ => new PairState());
        lock (pair)
        {
            if (pair.Pending == 0 && pair.LastFailure + ForgetAfter < now) pair.Reset();
            if (now < pair.LockedUntil)
            {
                wait = pair.LockedUntil - now;
                return null;
            }
            // Attempts already being judged count as failures until they are known, so a burst of parallel
            // requests cannot slip more guesses in than the sequence would allow.
            var threshold = Math.Max(1, _limits.FailuresBeforeBackoff);
            if (pair.Failures + pair.Pending >= threshold && pair.Pending > 0)
            {
                wait = InFlightWait;
                return null;
            }
            if (pair.Failures > 0 && EmailCapReached(normalizedEmail, now, out var until))
            {
                wait = until - now;
                return null;
            }
            pair.Pending++;
        }
        wait = TimeSpan.Zero;
        return new Attempt(this, normalizedEmail, pair);
    }

    private bool EmailCapReached(string email, DateTimeOffset now, out DateTimeOffset until)
    {
        until = default;
        if (!_emails.TryGetValue(email, out var state)) return false;
        lock (state)
        {
            if (state.WindowStart + EmailWindow <= now) return false;
            until = state.WindowStart + EmailWindow;
            return state.Failures >= Math.Max(1, _limits.EmailFailuresPerHour);
        }
    }

    private void RecordFailure(string email, PairState pair)
    {
        var now = time.GetUtcNow();
        lock (pair)
        {
            pair.Pending--;
            pair.Failures++;
            pair.LastFailure = now;
            var beyond = pair.Failures - Math.Max(1, _limits.FailuresBeforeBackoff);
            if (beyond >= 0)
            {
                var seconds = Math.Min(_limits.MaxBackoffSeconds, _limits.BackoffSeconds * Math.Pow(2, Math.Min(beyond, 30)));
                pair.LockedUntil = now + TimeSpan.FromSeconds(Math.Max(1, seconds));
            }
        }
        var state = _emails.GetOrAdd(email, _ => new EmailState());
        lock (state)
        {
            if (state.WindowStart + EmailWindow <= now)
            {
                state.WindowStart = now;
                state.Failures = 0;
            }
            state.Failures++;
        }
    }

    private static void RecordSuccess(PairState pair)
    {
        lock (pair)
        {
            pair.Pending--;
            pair.Reset();
        }
    }

    private static void Abandon(PairState pair)
    {
        lock (pair) pair.Pending--;
    }

    /// <summary>Drops what has been quiet long enough once the maps grow, so memory stays bounded by recent activity.</summary>
    private void SweepIfLarge(DateTimeOffset now)
    {
        var count = _pairs.Count + _emails.Count;
        if (count < Interlocked.Read(ref _sweepAt)) return;
        foreach (var (key, pair) in _pairs)
        {
            lock (pair)
                if (pair.Pending == 0 && now >= pair.LockedUntil && (pair.Failures == 0 || pair.LastFailure + ForgetAfter < now))
                    _pairs.TryRemove(new KeyValuePair<(string, string), PairState>(key, pair));
        }
        foreach (var (key, state) in _emails)
        {
            lock (state)
                if (state.WindowStart + EmailWindow <= now)
                    _emails.TryRemove(new KeyValuePair<string, EmailState>(key, state));
        }
        Interlocked.Exchange(ref _sweepAt, Math.Max(4096, 2L * (_pairs.Count + _emails.Count)));
    }

    internal sealed class PairState
    {
        public int Failures;
        public int Pending;
        public DateTimeOffset LastFailure = DateTimeOffset.MinValue;
        public DateTimeOffset LockedUntil = DateTimeOffset.MinValue;

        public void Reset()
        {
            Failures = 0;
            LastFailure = DateTimeOffset.MinValue;
            LockedUntil = DateTimeOffset.MinValue;
        }
    }

    internal sealed class EmailState
    {
        public DateTimeOffset WindowStart = DateTimeOffset.MinValue;
        public int Failures;
    }

    /// <summary>One sign-in attempt being judged; disposing it without an outcome (an error) forgets it.</summary>
    public sealed class Attempt : IDisposable
    {
        private readonly LoginThrottle _owner;
        private readonly string _email;
        private readonly PairState _pair;
        private int _done;

        internal Attempt(LoginThrottle owner, string email, PairState pair)
        {
            _owner = owner;
            _email = email;
            _pair = pair;
        }

        public void Failed()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) _owner.RecordFailure(_email, _pair);
        }

        public void Succeeded()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) RecordSuccess(_pair);
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) Abandon(_pair);
        }
    }
}
