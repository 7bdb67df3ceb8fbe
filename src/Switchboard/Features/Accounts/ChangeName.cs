using Microsoft.EntityFrameworkCore;
using Switchboard.Auth;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Faces;
using Switchboard.Faces.PingBack;

namespace Switchboard.Features.Accounts;

/// <summary>
/// PATCH /api/v1/auth/me {full_name}: the name teammates see on members lists and assignments. No password is
/// asked: a name grants nothing (the address, which does, has its own confirmed change). Every members list that
/// shows the account is read fresh afterwards.
/// </summary>
public static class ChangeName
{
    public sealed record Request(string FullName);

    public static async Task<IResult> HandleAsync(HttpContext http, SwitchboardDb db, IDomainEvents events, TimeProvider time)
    {
        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return Answer.Invalid([error]);
        var input = new Input(body);
        var name = input.Name("full_name", max: 255);
        if (!input.IsValid) return Answer.Invalid(input.Errors);

        var userId = http.User.UserId();
        var now = time.Now();
        var changed = await db.Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.Name, name!.Trim()).SetProperty(x => x.UpdatedAt, now));
        if (changed != 1) return Answer.Refuse(Failure.Unauthenticated());
        await events.PublishAsync(new AccountChanged(userId, await AccountWorkspaces.OfAsync(db, userId)));
        var user = await db.Users.AsNoTracking().FirstAsync(u => u.Id == userId);
        return Answer.Value(UserView.From(user));
    }
}
