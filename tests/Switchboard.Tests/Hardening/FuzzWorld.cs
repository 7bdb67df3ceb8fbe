using System.Net.Http.Json;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Hardening;

/// <summary>
/// The ids a generated request may point at: our own, another workspace's, and none at all; and look-alikes of
/// a registered address (KELVIN SIGN, full-width, Cyrillic, upper case, a bidi override in front) for sign-up,
/// sign-in and invites to trip over.
/// </summary>
public sealed record FuzzWorld(Business Own, Account Agent, Guid OwnMember, Guid OwnConversation, Guid? OwnInvite,
    Business Foreign, Guid ForeignMember, Guid ForeignConversation, Account Kelvin)
{
    public static async Task<FuzzWorld> CreateAsync(SwitchboardApp app)
    {
        var kelvin = await app.RegisterAsync(email: $"kelvin-{Guid.NewGuid():N}@example.com", name: "Kelvin Look");
        var own = await app.CreateBusinessAsync(plan: "pro");
        var (agent, member) = await own.AddMemberAsync();
        var conversation = await own.OpenConversationAsync();
        var invite = await app.As(own.Owner.Token, own.Id)
            .PostAsJsonAsync("/app/invites", new { email = Api.NewEmail("invitee"), seat = "lite" });
        Guid? inviteId = invite.IsSuccessStatusCode && (await invite.ReadJsonAsync())["data"]?["id"] is { } id
            ? Guid.Parse(id.GetValue<string>())
            : null;
        var foreign = await app.CreateBusinessAsync(plan: "pro");
        var (_, foreignMember) = await foreign.AddMemberAsync();
        var foreignConversation = await foreign.OpenConversationAsync();
        return new FuzzWorld(own, agent, member, conversation, inviteId, foreign, foreignMember, foreignConversation, kelvin);
    }

    public IReadOnlyList<string> LookAlikes => [
        Kelvin.Email, "\u212A" + Kelvin.Email[1..], Kelvin.Email.ToUpperInvariant(), "\uFF4B" + Kelvin.Email[1..],
        Kelvin.Email.Replace("example", "ex\u0430mple"), "\u202E" + Kelvin.Email, Kelvin.Email + "\u200B",
        Agent.Email.ToUpperInvariant(), "\uFF55" + Agent.Email[1..],
    ];

    public IReadOnlyList<string> Ids => [
        OwnMember.ToString(), OwnConversation.ToString(), OwnInvite?.ToString() ?? Guid.NewGuid().ToString(),
        ForeignMember.ToString(), ForeignConversation.ToString(), Foreign.Id.ToString(), Own.Id.ToString(),
        Agent.UserId.ToString(), Guid.Empty.ToString(), .. LookAlikes,
    ];
}
