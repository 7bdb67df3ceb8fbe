using System.Text.Json;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Faces;
using Switchboard.Faces.Pipeback;
using Switchboard.Tenancy;

namespace Switchboard.Features.Invites;

/// <summary>
/// POST /app/invites/bulk {emails: [...≤100], seat, role?}: each address in turn, in the order given, inside one
/// transaction that holds the workspace lock, so the plan limit is exact however many bulk invites race. Each
/// address goes through <see cref="InvitePlacement"/> (the single invite's own rules, mail cap and daily budget)
/// and gets one result: invited, already_member, already_invited, plan_limit, rate_limited (with retry_after in
/// seconds and the message the single invite would give) or invalid. An address with an account is invited like
/// any other (it accepts through the link, or POST /app/invites/{id}/join when signed in): bulk never adds
/// anyone at once, and so never tells its caller which addresses have accounts. "added" and member_id stay in
/// the shape for older clients but no longer occur.
/// </summary>
public static class BulkInvite
{
    public const int MaxAddresses = 100;

    public sealed record Request(string[] Emails, string Seat, string? Role);

    /// <summary>One address's outcome; a rate_limited one has a <c>code</c> saying which limit (Domain/RefusalCodes).</summary>
    public sealed record Item(string Email, string Result, Guid? InviteId = null, Guid? MemberId = null,
        int? RetryAfter = null, string? Message = null, string? Code = null);

    public static async Task<IResult> HandleAsync(HttpContext http, [AsParameters] InviteServices s)
    {
        var caller = http.Caller();
        if (!caller.May(Permission.InviteMembers))
            return Answer.Refuse(Failure.Forbidden(InvitePermissions.MayNotInvite));
        if (await InviterConfirmation.RefusalAsync(s, caller) is { } unconfirmed) return unconfirmed;

        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return Answer.Invalid([error]);
        var input = new Input(body);
        var seat = input.Choice<Seat>("seat", input.String("seat", required: true, max: 16));
        var role = CreateInvite.ReadRole(input);
        var emails = ReadEmails(body, input);
        if (!input.IsValid) return Answer.Invalid(input.Errors);
        if (!caller.Member.MayManageRole(role))
            return Answer.Refuse(Failure.Forbidden(InvitePermissions.AdminsInviteAgentsOnly, RefusalCodes.AdminsAgentsOnly));

        var now = s.Time.Now();
        var results = new List<Item>(emails!.Count);
        await using (var work = await WorkspaceWork.BeginAsync(s.Db, s.Events, caller))
        {
            if (work is null) return Answer.Refuse(Failure.NotFound("Workspace not found"));
            foreach (var (text, isString) in emails)
            {
                var check = Input.Empty("body");
                var email = isString ? check.CheckEmail("email", check.Check("email", text, required: true, max: 254)) : null;
                if (email is null || !check.IsValid)
                {
                    results.Add(new Item(text, "invalid"));
                    continue;
                }
                var placed = await InvitePlacement.PlaceAsync(s, work, caller, email, seat!.Value, role, now, addExisting: false);
                // Saved at once (still uncommitted): the next address's counts, budget and duplicate checks see this one.
                await s.Db.SaveChangesAsync();
                results.Add(Result(email, placed));
            }
            await work.CommitAsync();
        }
        s.Outbox.Wake();
        return Answer.Value(results);
    }

    private static Item Result(string email, InvitePlacement.Placed placed) => placed.Outcome switch
    {
        InvitePlacement.Outcome.Invited => new(email, "invited", placed.Invite!.Id),
        InvitePlacement.Outcome.Added => new(email, "added", MemberId: placed.Member!.Id),
        InvitePlacement.Outcome.AlreadyMember => new(email, "already_member"),
        InvitePlacement.Outcome.AlreadyInvited => new(email, "already_invited"),
        InvitePlacement.Outcome.RateLimited => new(email, "rate_limited",
            RetryAfter: InviteBudget.RetryAfterSeconds(placed.Wait!.Value), Message: InviteMailer.TooManyMailsMessage(placed.Wait!.Value),
            Code: RefusalCodes.RateLimited),
        InvitePlacement.Outcome.BudgetSpent => new(email, "rate_limited",
            RetryAfter: InviteBudget.RetryAfterSeconds(placed.Wait!.Value), Message: InviteBudget.SpentMessage(placed.Wait!.Value),
            Code: RefusalCodes.InviteBudgetSpent),
        _ => new(email, "plan_limit"),
    };

    /// <summary>The list itself must be 1 to 100 entries; each entry is judged on its own (a bad one is "invalid").</summary>
    private static List<(string Text, bool IsString)>? ReadEmails(JsonElement body, Input input)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("emails", out var list) || list.ValueKind == JsonValueKind.Null)
        {
            input.Fail("emails", FieldRule.Required);
            return null;
        }
        if (list.ValueKind != JsonValueKind.Array)
        {
            input.Fail("emails", FieldRule.Custom, message: "must be an array of email addresses");
            return null;
        }
        var count = list.GetArrayLength();
        if (count is 0 or > MaxAddresses)
        {
            input.Fail("emails", FieldRule.Custom, message: $"must hold between 1 and {MaxAddresses} addresses");
            return null;
        }
        return list.EnumerateArray()
            .Select(e => e.ValueKind == JsonValueKind.String ? (e.GetString()!, true) : (e.GetRawText(), false)).ToList();
    }
}
