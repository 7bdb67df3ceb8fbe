namespace Switchboard.Domain;

/// <summary>
/// The stable machine codes a refusal carries as <c>"code"</c> beside its words (both faces), and the per-field
/// codes of a 422's <c>"field_codes"</c>. Clients switch on these, never on the sentences, which may be reworded
/// at any time; a code, once sent, keeps its meaning. docs/api.md ("Refusal codes") lists them for clients.
/// </summary>
public static class RefusalCodes
{
    // ── Every refusal of a kind carries its kind's code unless a more precise one below applies ──

    /// <summary>400: the request cannot be carried out as asked (PingBack's plain 400).</summary>
    public const string BadRequest = "bad_request";
    /// <summary>401: no, a bad or an expired credential.</summary>
    public const string Unauthenticated = "unauthenticated";
    /// <summary>402: the plan's limit is reached (seats, teams…).</summary>
    public const string PlanLimit = "plan_limit";
    /// <summary>403: the caller's role may not do this; the words add no rule beyond that.</summary>
    public const string Forbidden = "forbidden";
    /// <summary>404: not found, or not visible to this caller (which is said alike, on purpose).</summary>
    public const string NotFound = "not_found";
    /// <summary>400 (PingBack's seeds) for a clash with what exists, e.g. already a member.</summary>
    public const string Conflict = "conflict";
    /// <summary>409: sound, but the current state stands in the way until the caller changes it.</summary>
    public const string Blocked = "blocked";
    /// <summary>410: a one-time link that was used or expired.</summary>
    public const string Gone = "gone";
    /// <summary>422: input at fault; <c>field_codes</c> says why per field.</summary>
    public const string ValidationFailed = "validation_failed";
    /// <summary>429: too many attempts; Retry-After says when to try again.</summary>
    public const string RateLimited = "rate_limited";
    /// <summary>401 at sign-in: the password was right, a second-factor code is needed (or was wrong).</summary>
    public const string TwoFactorRequired = "two_factor_required";
    /// <summary>403: the workspace's policy asks for a second factor this member has not set up.</summary>
    public const string TwoFactorSetupRequired = "two_factor_setup_required";

    // ── Answers written before or around the handlers (Faces/ErrorHandling) ──

    /// <summary>404/405/415 and other statuses the routing itself answers: no such route, method or media type.</summary>
    public const string NoSuchRoute = "no_such_route";
    /// <summary>413: the request body is too large.</summary>
    public const string TooLarge = "too_large";
    /// <summary>503: the service is briefly unable to answer (database away, password checks queued); Retry-After.</summary>
    public const string Unavailable = "unavailable";
    /// <summary>500: a fault of the service.</summary>
    public const string InternalError = "internal_error";

    // ── Refusals a client tells apart from others of the same status ──

    /// <summary>403: the caller's own address is unconfirmed, and this (inviting, joining by a link) needs it confirmed.</summary>
    public const string EmailUnconfirmed = "email_unconfirmed";
    /// <summary>
    /// 403: the caller's role, suspension or the workspace's rights settings changed after the request was judged and
    /// before its change was made; nothing was changed. Trying again is judged on the new rights.
    /// </summary>
    public const string RightsChanged = "rights_changed";
    /// <summary>
    /// 403: only the workspace's owner may do this in any workspace (roles, ownership, billing, the workspace's settings,
    /// single sign-on and provisioning). Rights the owner can give admins (inviting, removing) stay <see cref="Forbidden"/>.
    /// </summary>
    public const string OwnerOnly = "owner_only";
    /// <summary>403: an admin may do this only to agents (invite, manage invites of, suspend or remove).</summary>
    public const string AdminsAgentsOnly = "admins_agents_only";
    /// <summary>403: the signed-in account is not the one the invitation was sent to.</summary>
    public const string InviteWrongAccount = "invite_wrong_account";
    /// <summary>404 of an invitation link: it was already used to join.</summary>
    public const string InviteUsed = "invite_used";
    /// <summary>404 of an invitation link: it expired.</summary>
    public const string InviteExpired = "invite_expired";
    /// <summary>404 of an invitation link: revoked or never issued (said alike).</summary>
    public const string InviteNotFound = "invite_not_found";
    /// <summary>429: the workspace's daily invitation-mail budget is spent; Retry-After says until when.</summary>
    public const string InviteBudgetSpent = "invite_budget_spent";

    // ── Per-field codes of a 422 (field_codes), one per message in the face's list for that field ──

    /// <summary>The field is missing or empty.</summary>
    public const string Required = "required";
    /// <summary>The value has the wrong JSON type.</summary>
    public const string WrongType = "wrong_type";
    /// <summary>Not an email address.</summary>
    public const string InvalidEmail = "invalid_email";
    /// <summary>Shorter than allowed.</summary>
    public const string TooShort = "too_short";
    /// <summary>Longer than allowed.</summary>
    public const string TooLong = "too_long";
    /// <summary>Not one of the offered values.</summary>
    public const string NotAChoice = "not_a_choice";
    /// <summary>The confirmation does not match the password (filed under the password, as Laravel does).</summary>
    public const string ConfirmationMismatch = "confirmation_mismatch";
    /// <summary>Not a UUID.</summary>
    public const string InvalidUuid = "invalid_uuid";
    /// <summary>The request body is not valid JSON.</summary>
    public const string InvalidJson = "invalid_json";
    /// <summary>Any other rule of the field; the words say which.</summary>
    public const string Invalid = "invalid";
    /// <summary>An account with this address already exists (also a whole-request code where no field is named).</summary>
    public const string AccountExists = "account_exists";

    /// <summary>The code a failure is sent with: its own, else its kind's.</summary>
    public static string Of(Failure failure) => failure.Code ?? failure.Kind switch
    {
        FailureKind.NotFound => NotFound,
        FailureKind.Forbidden => Forbidden,
        FailureKind.PlanLimit => PlanLimit,
        FailureKind.Conflict => Conflict,
        FailureKind.Unauthenticated => Unauthenticated,
        FailureKind.RateLimited => RateLimited,
        FailureKind.Gone => Gone,
        FailureKind.Blocked => Blocked,
        FailureKind.SecondFactorRequired => TwoFactorRequired,
        FailureKind.SecondFactorSetupRequired => TwoFactorSetupRequired,
        _ => BadRequest,
    };
}
