using System.Buffers.Text;
using Fido2NetLib;
using Fido2NetLib.Objects;
using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Faces;

namespace Switchboard.Features.Accounts;

/// <summary>
/// Password-less sign-in with a passkey: <c>POST /auth/passkeys/login/options {email?}</c> → request options (with an
/// address, that account's passkeys are listed; without, any discoverable passkey of this site may answer);
/// <c>POST /auth/passkeys/login {credential}</c> → 200 <c>{access_token, token_type}</c>. User verification is
/// required, so a passkey sign-in is possession plus PIN or biometric: it satisfies the second factor, and an account
/// with an authenticator app is not asked for a code here. Single sign-on's <c>enforce</c> closes it as it closes the
/// password (403, <see cref="Sso.SsoEnforcement"/>), except for owners.
/// </summary>
public static class PasskeySignIn
{
    public const string Unknown = "This passkey is not registered here: it may have been removed, or its account deleted. Sign in with your password.";
    public const string NoChallenge = "This passkey sign-in expired or was already used. Start signing in with the passkey again.";
    public const string Refused = "The passkey could not be verified. Start signing in with the passkey again.";

    public static async Task<IResult> OptionsAsync(HttpContext http, SwitchboardDb db, IFido2 fido2, PasskeyChallenges challenges)
    {
        var (body, error) = await JsonBody.ReadAsync(http.Request, required: false);
        if (error is not null) return Answer.Invalid([error]);
        var input = new Input(body);
        var email = input.String("email", max: 320);
        if (!input.IsValid) return Answer.Invalid(input.Errors);

        Guid? userId = null;
        List<PublicKeyCredentialDescriptor> allowed = [];
        if (!string.IsNullOrWhiteSpace(email) && !EmailAddress.HasLookAlikes(email))
        {
            var normalized = User.Normalize(email);
            userId = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized).Select(u => (Guid?)u.Id).FirstOrDefaultAsync();
            if (userId is not null)
                allowed = (await db.PasskeyCredentials.AsNoTracking().Where(p => p.UserId == userId).Select(p => p.CredentialId).ToListAsync())
                    .Select(id => new PublicKeyCredentialDescriptor(id)).ToList();
        }
        var options = fido2.GetAssertionOptions(new GetAssertionOptionsParams
        {
            AllowedCredentials = allowed,
            UserVerification = UserVerificationRequirement.Required,
        });
        await challenges.KeepAsync(Base64Url.EncodeToString(options.Challenge), userId, PasskeyChallenge.SignIn, options.ToJson());
        return Answer.Json(options.ToJson());
    }

    public static async Task<IResult> SignInAsync(HttpContext http, SwitchboardDb db, IFido2 fido2, PasskeyChallenges challenges,
        Switchboard.Auth.TokenService tokens, TimeProvider time, ILogger<PasskeyChallenges> log)
    {
        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return Answer.Invalid([error]);
        var input = new Input(body);
        var assertion = PasskeyInput.Assertion(body, input);
        if (!input.IsValid) return Answer.Invalid(input.Errors);

        // Spent first, whatever follows: every answer to a challenge is its only try.
        if (await challenges.TakeSignInAsync(assertion!.Response.ClientDataJson) is not { } pending)
            return Answer.Refuse(Failure.Unauthenticated(NoChallenge));
        var passkey = await db.PasskeyCredentials.AsNoTracking().FirstOrDefaultAsync(p => p.CredentialId == assertion.RawId);
        // A passkey of a deleted account is gone with it; one of another account than the address asked for is not this sign-in's.
        if (passkey is null || (pending.UserId is { } asked && passkey.UserId != asked)) return Answer.Refuse(Failure.Unauthenticated(Unknown));

        VerifyAssertionResult verified;
        try
        {
            verified = await fido2.MakeAssertionAsync(new MakeAssertionParams
            {
                AssertionResponse = assertion,
                OriginalOptions = AssertionOptions.FromJson(pending.OptionsJson),
                StoredPublicKey = passkey.PublicKey,
                StoredSignatureCounter = (uint)passkey.SignCount,
                // The authenticator's user handle must be the account the credential belongs to.
                IsUserHandleOwnerOfCredentialIdCallback = (args, _) => Task.FromResult(args.UserHandle is { Length: 16 } handle && new Guid(handle) == passkey.UserId),
            }, http.RequestAborted);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // A bad signature, origin or counter, or bytes that do not parse: the client's doing, so 401 with words.
            log.LogInformation(failure, "A passkey sign-in of user {UserId} was refused", passkey.UserId);
            return Answer.Refuse(Failure.Unauthenticated(Refused));
        }

        // Conditional on the counter read above: two sign-ins racing with one signature let one in.
        var stored = await db.PasskeyCredentials
            .Where(p => p.Id == passkey.Id && p.SignCount == passkey.SignCount)
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.SignCount, (long)verified.SignCount).SetProperty(p => p.LastUsedAt, time.Now()));
        if (stored != 1) return Answer.Refuse(Failure.Unauthenticated(Refused));

        // A passkey opens what a password opens, so a workspace that enforces single sign-on closes it the same way, with
        // the same words (the owner keeps it). Only after a valid signature, as only after the right password: the
        // refusal tells nobody without the passkey which domain is closed.
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == passkey.UserId);
        if (user is null) return Answer.Refuse(Failure.Unauthenticated(Unknown));
        if (await Sso.SsoEnforcement.PasswordClosedByAsync(db, user) is { } enforcedBy)
            return Answer.Refuse(Failure.Forbidden(Sso.SsoEnforcement.Words(enforcedBy, user.Email)));

        var token = await tokens.IssueAsync(passkey.UserId, "passkey");
        return Answer.Value(new Login.Response(token, "bearer"));
    }
}
