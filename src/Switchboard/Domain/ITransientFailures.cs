namespace Switchboard.Domain;

/// <summary>
/// Tells a failure that will pass (a database restarting, a dropped connection) from a fault, so that the
/// faces can answer 503 with Retry-After instead of 500. The database layer knows its driver's exceptions
/// and implements it; the faces only ask.
/// </summary>
public interface ITransientFailures
{
    bool IsTransient(Exception? error);
}
