namespace Switchboard.Domain;

public enum FailureKind { Invalid, NotFound, Forbidden, PlanLimit, Conflict, Unauthenticated, RateLimited, Gone, Blocked, SecondFactorRequired, SecondFactorSetupRequired }

/// <summary>
/// Why an operation refused. Each wire face turns it into its own status and body;
/// <see cref="Field"/> names the input at fault, for faces that report errors per field.
/// </summary>
public sealed record Failure(FailureKind Kind, string Message, string? Field = null)
{
    /// <summary>
    /// A code more precise than the kind's (<see cref="RefusalCodes"/>), for a refusal a client must tell apart from
    /// others of its status; null sends the kind's code (<see cref="RefusalCodes.Of"/>).
    /// </summary>
    public string? Code { get; init; }

    public static Failure Invalid(string message, string? field = null, string? code = null) =>
        new(FailureKind.Invalid, message, field) { Code = code };
    public static Failure NotFound(string message, string? code = null) => new(FailureKind.NotFound, message) { Code = code };
    public static Failure Forbidden(string message, string? code = null) => new(FailureKind.Forbidden, message) { Code = code };
    /// <summary>A 403 that only the workspace's owner may pass, whatever the workspace's settings (code owner_only).</summary>
    public static Failure OwnerOnly(string message) => Forbidden(message, RefusalCodes.OwnerOnly);
    public static Failure PlanLimit(string message) => new(FailureKind.PlanLimit, message);
    public static Failure Conflict(string message, string? field = null) => new(FailureKind.Conflict, message, field);
    /// <summary>No or a bad credential; an empty message lets each face say it in its own words.</summary>
    public static Failure Unauthenticated(string message = "") => new(FailureKind.Unauthenticated, message);
    public static Failure RateLimited(string message, string? code = null) => new(FailureKind.RateLimited, message) { Code = code };
    /// <summary>The thing existed and no longer works (a used or expired one-time link): 410.</summary>
    public static Failure Gone(string message) => new(FailureKind.Gone, message);
    /// <summary>
    /// The request is sound but the state of things stands in its way until the caller changes it (deleting an account
    /// that still owns a team): 409. Distinct from <see cref="Conflict"/>, which PingBack's seeds answer with 400.
    /// </summary>
    public static Failure Blocked(string message) => new(FailureKind.Blocked, message);
    /// <summary>The password was right but the account has a second factor: 401 that says a code is needed (or was wrong).</summary>
    public static Failure SecondFactorRequired(string message) => new(FailureKind.SecondFactorRequired, message);
    /// <summary>
    /// The workspace's policy asks this member for a second factor they have not set up: 403 with a flag, so a client
    /// sends its user to the account's setup rather than showing a dead end.
    /// </summary>
    public static Failure SecondFactorSetupRequired() => new(FailureKind.SecondFactorSetupRequired, TwoFactorPolicies.SetupRequired);
}
