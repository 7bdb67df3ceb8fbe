using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Faces.PingBack;
using Switchboard.SocketIO;

namespace Switchboard.Realtime;

/// <summary>Turns committed domain events into PingBack's Socket.IO events, each sent only to the sockets it concerns.</summary>
public sealed class RealtimeEvents(SocketIOServer io, IServiceScopeFactory scopes) : IDomainEventHandler
{
    public Task HandleAsync(IDomainEvent domainEvent) => domainEvent switch
    {
        ConversationAssigned e => ConversationAssignedAsync(e),
        ConversationOffered e => ConversationOfferedAsync(e),
        // Only the agent whose offer ended: their toast closes.
        ConversationOfferEnded e => io.To(Rooms.Member(e.WorkspaceId, e.UserId))
            .EmitAsync("conversation_offer_ended", new { conversation_id = e.ConversationId, reason = e.Reason }).AsTask(),
        AgentStatusChanged e => io.To(Rooms.Business(e.WorkspaceId))
            .EmitAsync("agent_status_changed", new { agent_id = e.UserId, member_id = e.MembershipId, status = e.Status.Wire() }).AsTask(),
        MemberJoined e => MemberJoinedAsync(e),
        WorkspaceCreated e => WorkspaceJoinedAsync(e.WorkspaceId, e.OwnerUserId, Role.Owner, Seat.Full),
        InvitesChanged e => InvitesChangedAsync(e),
        ConversationCreated e => io.To(Rooms.Business(e.WorkspaceId))
            .EmitAsync("conversation_created", new { conversation_id = e.ConversationId }).AsTask(),
        // Queue and loads moved: pages showing them (conversations, supervisor) read them again.
        ConversationFinished e => io.To(Rooms.Business(e.WorkspaceId))
            .EmitAsync("conversation_updated", new { conversation_id = e.ConversationId }).AsTask(),
        MemberRemoved e => MemberRemovedAsync(e),
        MemberSuspended e => MemberSuspendedAsync(e),
        MemberRestored e => io.To(Rooms.Business(e.WorkspaceId))
            .EmitAsync("member_restored", new { member_id = e.MembershipId, user_id = e.UserId, role = e.Role.Wire(), seat = e.Seat.Wire() }).AsTask(),
        MemberUpdated e => io.To(Rooms.Business(e.WorkspaceId))
            .EmitAsync("member_updated", new { member_id = e.MembershipId, user_id = e.UserId, role = e.Role.Wire(), seat = e.Seat.Wire() }).AsTask(),
        InviteAccepted e => InviteAcceptedAsync(e),
        TokenRevoked e => io.In(Rooms.Token(e.TokenId)).DisconnectSocketsAsync(close: true).AsTask(),
        WorkspaceUpdated e => WorkspaceUpdatedAsync(e),
        WorkspaceDeleted e => WorkspaceDeletedAsync(e),
        SecondFactorEnforced e => SecondFactorEnforcedAsync(e),
        _ => Task.CompletedTask,
    };

    private async Task ConversationAssignedAsync(ConversationAssigned e)
    {
        var conversation = e.Conversation;
        if (conversation is null)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SwitchboardDb>();
            conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == e.ConversationId);
        }
        await io.To(Rooms.Member(e.WorkspaceId, e.AssigneeUserId)).EmitAsync("conversation_assigned", new
        {
            conversation_id = e.ConversationId,
            assigned_by = e.AssignedBy,
            assigned_at = PingBackFace.Timestamp(e.AssignedAt),
            conversation = conversation is null ? null : ConversationView.From(conversation),
        });
        if (e.PreviousAssigneeUserId is { } previous && previous != e.AssigneeUserId)
            await io.To(Rooms.Member(e.WorkspaceId, previous)).EmitAsync("conversation_unassigned", new
            {
                conversation_id = e.ConversationId,
                reassigned_to = e.AssigneeUserId,
                assigned_by = e.AssignedBy,
            });
        // Everyone else learns only that it moved (every member may list conversations and their assignees).
        await io.To(Rooms.Business(e.WorkspaceId)).EmitAsync("conversation_updated", new { conversation_id = e.ConversationId });
    }

    /// <summary>Offer routing: only the offered agent hears the offer (with the conversation and its expiry).</summary>
    private async Task ConversationOfferedAsync(ConversationOffered e)
    {
        var conversation = e.Conversation;
        if (conversation is null)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SwitchboardDb>();
            conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == e.ConversationId);
        }
        await io.To(Rooms.Member(e.WorkspaceId, e.UserId)).EmitAsync("conversation_offered", new
        {
            conversation_id = e.ConversationId,
            expires_at = PingBackFace.Timestamp(e.ExpiresAt),
            conversation = conversation is null ? null : ConversationView.From(conversation),
        });
    }

    private async Task WorkspaceUpdatedAsync(WorkspaceUpdated e)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SwitchboardDb>();
        var w = await db.Workspaces.AsNoTracking().FirstOrDefaultAsync(x => x.Id == e.WorkspaceId);
        if (w is null) return;
        await io.To(Rooms.Business(e.WorkspaceId)).EmitAsync("workspace_updated", new
        {
            business_id = w.Id, name = w.Name, logo = w.Logo, plan = w.Plan.Wire(),
            admins_can_invite = w.AdminsCanInvite, auto_offline = w.AutoOffline,
        });
    }

    /// <summary>
    /// An invite's id is the capability its link carries, so it reaches only those who may manage that
    /// invite: the owner, and admins for agent invites when admins_can_invite. The rest of the business
    /// learns of the newcomer from member_joined.
    /// </summary>
    private async Task InviteAcceptedAsync(InviteAccepted e)
    {
        var rooms = await ManagerRooms.OfAsync(scopes, e.WorkspaceId, Permission.InviteMembers, managing: e.InviteRole);
        if (rooms.Length == 0) return;
        await io.To(rooms).EmitAsync("invite_accepted", new { invite_id = e.InviteId, user_id = e.UserId, member_id = e.MembershipId });
    }

    /// <summary>
    /// The business hears of its new member; the new member's own sockets, connected to their other
    /// workspaces (their user room), hear that they now belong to this one, so its name appears at once.
    /// </summary>
    private async Task MemberJoinedAsync(MemberJoined e)
    {
        // The name, which every member reads in the members list anyway, lets pages say who joined.
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SwitchboardDb>();
            var name = await db.Users.AsNoTracking().Where(u => u.Id == e.UserId).Select(u => u.Name).FirstOrDefaultAsync();
            await io.To(Rooms.Business(e.WorkspaceId)).EmitAsync("member_joined",
                new { member_id = e.MembershipId, user_id = e.UserId, role = e.Role.Wire(), seat = e.Seat.Wire(), name });
        }
        await WorkspaceJoinedAsync(e.WorkspaceId, e.UserId, e.Role, e.Seat);
    }

    private async Task WorkspaceJoinedAsync(Guid workspaceId, Guid userId, Role role, Seat seat)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SwitchboardDb>();
        var name = await db.Workspaces.AsNoTracking().Where(w => w.Id == workspaceId).Select(w => w.Name).FirstOrDefaultAsync();
        if (name is null) return;
        await io.To(Rooms.User(userId)).EmitAsync("workspace_joined", new { business_id = workspaceId, name, role = role.Wire(), seat = seat.Wire() });
    }

    /// <summary>
    /// Invites were created, resent or revoked: those who may manage invites re-read the list. No invite id
    /// travels (an id is the capability its link carries), and nobody who may not list invites hears it.
    /// </summary>
    private async Task InvitesChangedAsync(InvitesChanged e)
    {
        var rooms = await ManagerRooms.OfAsync(scopes, e.WorkspaceId, Permission.InviteMembers);
        if (rooms.Length == 0) return;
        await io.To(rooms).EmitAsync("invites_changed", new { business_id = e.WorkspaceId });
    }

    /// <summary>The removed member hears it too, then their sockets leave the workspace and are closed.</summary>
    private async Task MemberRemovedAsync(MemberRemoved e)
    {
        await io.To(Rooms.Business(e.WorkspaceId)).EmitAsync("member_removed", new { member_id = e.MembershipId, user_id = e.UserId });
        await DisconnectFromWorkspaceAsync(e.WorkspaceId, e.UserId);
    }

    /// <summary>Like removal: the member hears it, then their sockets of that workspace (only) are closed.</summary>
    private async Task MemberSuspendedAsync(MemberSuspended e)
    {
        await io.To(Rooms.Business(e.WorkspaceId)).EmitAsync("member_suspended", new { member_id = e.MembershipId, user_id = e.UserId });
        await DisconnectFromWorkspaceAsync(e.WorkspaceId, e.UserId);
    }

    /// <summary>Everyone on the deleted workspace hears it (pages leave it), then every socket of its room is closed.</summary>
    private async Task WorkspaceDeletedAsync(WorkspaceDeleted e)
    {
        var room = io.In(Rooms.Business(e.WorkspaceId));
        await io.To(Rooms.Business(e.WorkspaceId)).EmitAsync("workspace_deleted", new { business_id = e.WorkspaceId });
        await room.DisconnectSocketsAsync();
    }

    /// <summary>
    /// Each member the workspace's two-factor policy now refuses hears why (the words a new connection gets in its
    /// connect_error), then their sockets of that workspace close; a reconnect is refused until they set one up.
    /// </summary>
    private async Task SecondFactorEnforcedAsync(SecondFactorEnforced e)
    {
        foreach (var userId in e.UserIds)
        {
            await io.To(Rooms.Member(e.WorkspaceId, userId)).EmitAsync("two_factor_setup_required",
                new { business_id = e.WorkspaceId, message = TwoFactorPolicies.SetupRequired });
            await DisconnectFromWorkspaceAsync(e.WorkspaceId, userId);
        }
    }

    private async Task DisconnectFromWorkspaceAsync(Guid workspaceId, Guid userId)
    {
        var theirs = io.In(Rooms.Member(workspaceId, userId));
        await theirs.SocketsLeaveAsync(Rooms.Business(workspaceId));
        await theirs.DisconnectSocketsAsync();
    }
}
