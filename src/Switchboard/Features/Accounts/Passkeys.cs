using System.Buffers.Text;
using Fido2NetLib;
using Fido2NetLib.Objects;
using Microsoft.EntityFrameworkCore;
using Switchboard.Auth;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Faces;
using Switchboard.Faces.PingBack;

namespace Switchboard.Features.Accounts;

/// <summary>
/// Adding, listing and removing the signed-in user's passkeys (WebAuthn, verified by Fido2):
/// <c>POST /auth/passkeys/options</c> → creation options (the challenge waits in <see cref="PasskeyChallenges"/>);
/// <c>POST /auth/passkeys {credential, name?}</c> → 201; <c>GET /auth/passkeys</c>; <c>DELETE /auth/passkeys/{id}
/// {password}</c> → 204. Refusals are 400/404/422 with words, never 401: a signed-in page that hears 401 thinks its
/// session ended.
/// </summary>
public static class Passkeys
{
    public sealed record View(Guid Id, string Name, string CreatedAt, string? LastUsedAt);
    public sealed record AddRequest(object Credential, string? Name);
    public sealed record RemoveRequest(string Password);

    public const int MaxPerUser = 20;
    public const string NotFound = "Passkey not found";
    public const string NoPending = "No passkey setup is waiting, or it expired or was already answered: start adding the passkey again.";
    public const string Refused = "The passkey could not be verified. Start adding it again.";
    public const string Known = "This passkey is already registered.";
    public const string TooMany = "An account can have at most 20 passkeys. Remove one first.";

    public static async Task<IResult> OptionsAsync(HttpContext http, SwitchboardDb db, IFido2 fido2, PasskeyChallenges challenges)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == http.User.UserId());
        if (user is null) return Answer.Refuse(Failure.Unauthenticated());
        var existing = await db.PasskeyCredentials.AsNoTracking().Where(p => p.UserId == user.Id).Select(p => p.CredentialId).ToListAsync();
        if (existing.Count >= MaxPerUser) return Answer.Refuse(Failure.Invalid(TooMany));

        var options = fido2.RequestNewCredential(new RequestNewCredentialParams
        {
            // The user handle is the account id, never the address: it is stored on the authenticator and sent at sign-in.
            User = new Fido2User { Id = user.Id.ToByteArray(), Name = user.Email, DisplayName = user.Name },
            // The browser refuses to make a second passkey on an authenticator that has one for this account already.
            ExcludeCredentials = existing.Select(id => new PublicKeyCredentialDescriptor(id)).ToList(),
            // Discoverable (resident) so it can sign in without an address; verified (PIN, biometric) so it is two factors in one.
            AuthenticatorSelection = new AuthenticatorSelection { ResidentKey = ResidentKeyRequirement.Required, UserVerification = UserVerificationRequirement.Required },
            AttestationPreference = AttestationConveyancePreference.None,
        });
        await challenges.KeepAsync(Base64Url.EncodeToString(options.Challenge), user.Id, PasskeyChallenge.Register, options.ToJson());
        return Answer.Json(options.ToJson());
    }

    public static async Task<IResult> AddAsync(HttpContext http, SwitchboardDb db, IFido2 fido2, PasskeyChallenges challenges,
        TimeProvider time, ILogger<PasskeyChallenges> log, IDomainEvents events)
    {
        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return Answer.Invalid([error]);
        var input = new Input(body);
        var name = input.String("name", max: 100);
        var attestation = PasskeyInput.Attestation(body, input);
        if (!input.IsValid) return Answer.Invalid(input.Errors);

        var userId = http.User.UserId();
        if (await challenges.TakeRegistrationAsync(userId) is not { } pending) return Answer.Refuse(Failure.Invalid(NoPending));
        RegisteredPublicKeyCredential credential;
        try
        {
            credential = await fido2.MakeNewCredentialAsync(new MakeNewCredentialParams
            {
                AttestationResponse = attestation!,
                OriginalOptions = CredentialCreateOptions.FromJson(pending.OptionsJson),
                IsCredentialIdUniqueToUserCallback = async (args, cancel) => !await db.PasskeyCredentials.AnyAsync(p => p.CredentialId == args.CredentialId, cancel),
            }, http.RequestAborted);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // Whatever Fido2 or its CBOR/crypto readers throw, the input came from the client: a refusal with words.
            log.LogInformation(failure, "A passkey registration of user {UserId} was refused", userId);
            return Answer.Refuse(Failure.Invalid(failure is Fido2VerificationException { Code: Fido2NetLib.Exceptions.Fido2ErrorCode.NonUniqueCredentialId } ? Known : Refused));
        }

        var now = time.Now();
        var passkey = new PasskeyCredential
        {
            UserId = userId,
            CredentialId = credential.Id,
            PublicKey = credential.PublicKey,
            SignCount = credential.SignCount,
            Name = string.IsNullOrWhiteSpace(name) ? DefaultName(now) : name.Trim(),
            CreatedAt = now,
        };
        db.PasskeyCredentials.Add(passkey);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // The unique index: the same credential registered by a request racing this one.
            return Answer.Refuse(Failure.Invalid(Known));
        }
        // A passkey is a second factor: a workspace policy that refused this account lets it in at once.
        await Workspaces.TwoFactorPolicyChange.AccountChangedAsync(db, events, userId, removed: false);
        return Answer.Value(ViewOf(passkey), StatusCodes.Status201Created);
    }

    public static async Task<IResult> ListAsync(HttpContext http, SwitchboardDb db)
    {
        var userId = http.User.UserId();
        var rows = await db.PasskeyCredentials.AsNoTracking().Where(p => p.UserId == userId).ToListAsync();
        return Answer.Value(rows.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).Select(ViewOf).ToList());
    }

    public static async Task<IResult> RemoveAsync(HttpContext http, string id, SwitchboardDb db, PasswordHashing hasher, LoginThrottle throttle,
        IDomainEvents events)
    {
        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return Answer.Invalid([error]);
        var input = new Input(body);
        var password = input.String("password", required: true, max: int.MaxValue);
        if (!input.IsValid) return Answer.Invalid(input.Errors);

        var userId = http.User.UserId();
        // Another user's passkey answers as one that does not exist: ids are no oracle.
        if (!Guid.TryParse(id, out var passkeyId) || !await db.PasskeyCredentials.AnyAsync(p => p.Id == passkeyId && p.UserId == userId))
            return Answer.Refuse(Failure.NotFound(NotFound));
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId);
        if (user is null) return Answer.Refuse(Failure.Unauthenticated());
        // The password again, so a session left open on a shared computer cannot remove a factor.
        if (await PasswordCheck.RefusalAsync(http, user, password!, hasher, throttle) is { } refused) return refused;
        if (await db.PasskeyCredentials.Where(p => p.Id == passkeyId && p.UserId == userId).ExecuteDeleteAsync() == 0)
            return Answer.Refuse(Failure.NotFound(NotFound));
        // The last factor gone: a workspace policy covering this account refuses it again, sockets included.
        await Workspaces.TwoFactorPolicyChange.AccountChangedAsync(db, events, userId, removed: true);
        return Answer.NoContent();
    }

    private static string DefaultName(DateTime now) => $"Passkey added {now:yyyy-MM-dd}";

    private static View ViewOf(PasskeyCredential p) =>
        new(p.Id, p.Name, PingBackFace.Timestamp(p.CreatedAt), p.LastUsedAt is { } used ? PingBackFace.Timestamp(used) : null);
}
