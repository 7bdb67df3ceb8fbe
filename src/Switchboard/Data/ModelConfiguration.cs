using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Domain;

namespace Switchboard.Data;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> user)
    {
        user.ToTable("users");
        user.Property(u => u.Email).HasMaxLength(320);
        user.Property(u => u.NormalizedEmail).HasMaxLength(320);
        user.HasIndex(u => u.NormalizedEmail).IsUnique();
        user.Property(u => u.Name).HasMaxLength(255);
    }
}

internal sealed class WorkspaceConfiguration : IEntityTypeConfiguration<Workspace>
{
    public void Configure(EntityTypeBuilder<Workspace> workspace)
    {
        workspace.ToTable("workspaces");
        workspace.Property(w => w.Name).HasMaxLength(255);
        workspace.Property(w => w.Handle).HasMaxLength(100);
        workspace.HasIndex(w => w.Handle).IsUnique();
        workspace.HasIndex(w => w.OwnerUserId);
        workspace.HasOne<User>().WithMany().HasForeignKey(w => w.OwnerUserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> membership)
    {
        membership.ToTable("memberships");
        membership.HasIndex(m => new { m.WorkspaceId, m.UserId }).IsUnique();
        membership.HasIndex(m => m.UserId);
        membership.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        membership.HasOne<Workspace>().WithMany().HasForeignKey(m => m.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        membership.Ignore(m => m.IsOwner);
        membership.Ignore(m => m.UsesPlanSeat);
        membership.Ignore(m => m.CanBeRouted);
        membership.Ignore(m => m.IsSuspended);
    }
}

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> team)
    {
        team.ToTable("teams");
        team.Property(t => t.Name).HasMaxLength(255);
        team.Property(t => t.Hours).HasMaxLength(20_000);
        team.HasIndex(t => t.WorkspaceId);
        team.HasOne<Workspace>().WithMany().HasForeignKey(t => t.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TeamMemberConfiguration : IEntityTypeConfiguration<TeamMember>
{
    public void Configure(EntityTypeBuilder<TeamMember> member)
    {
        member.ToTable("team_members");
        member.HasKey(m => new { m.TeamId, m.MembershipId });
        member.HasIndex(m => m.MembershipId);
        member.HasOne<Team>().WithMany().HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Cascade);
        member.HasOne<Membership>().WithMany().HasForeignKey(m => m.MembershipId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MemberSkillConfiguration : IEntityTypeConfiguration<MemberSkill>
{
    public void Configure(EntityTypeBuilder<MemberSkill> skill)
    {
        skill.ToTable("member_skills");
        skill.HasKey(s => new { s.MembershipId, s.Skill });
        skill.Property(s => s.Skill).HasMaxLength(MemberSkill.MaxLength);
        skill.HasOne<Membership>().WithMany().HasForeignKey(s => s.MembershipId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EmailVerificationConfiguration : IEntityTypeConfiguration<EmailVerification>
{
    public void Configure(EntityTypeBuilder<EmailVerification> verification)
    {
        verification.ToTable("email_verifications");
        verification.Property(v => v.TokenHash).HasMaxLength(64);
        verification.HasIndex(v => v.TokenHash).IsUnique();
        verification.HasIndex(v => v.UserId);
        verification.HasOne<User>().WithMany().HasForeignKey(v => v.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PasswordResetConfiguration : IEntityTypeConfiguration<PasswordReset>
{
    public void Configure(EntityTypeBuilder<PasswordReset> reset)
    {
        reset.ToTable("password_resets");
        reset.Property(r => r.TokenHash).HasMaxLength(64);
        reset.HasIndex(r => r.TokenHash).IsUnique();
        reset.HasIndex(r => new { r.UserId, r.CreatedAt });
        reset.HasOne<User>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InviteConfiguration : IEntityTypeConfiguration<Invite>
{
    public void Configure(EntityTypeBuilder<Invite> invite)
    {
        invite.ToTable("invites");
        invite.Property(i => i.Email).HasMaxLength(320);
        invite.Property(i => i.NormalizedEmail).HasMaxLength(320);
        // One pending invite per address and workspace; accepted, revoked and expired ones stay as history.
        invite.HasIndex(i => new { i.WorkspaceId, i.NormalizedEmail }).IsUnique().HasFilter("status = 'Pending'");
        invite.HasIndex(i => new { i.WorkspaceId, i.Status, i.ExpiresAt });
        invite.HasOne(i => i.Workspace).WithMany().HasForeignKey(i => i.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InviteLinkConfiguration : IEntityTypeConfiguration<InviteLink>
{
    public void Configure(EntityTypeBuilder<InviteLink> link)
    {
        link.ToTable("invite_links");
        link.Property(l => l.SecretHash).HasMaxLength(64);
        link.HasIndex(l => l.SecretHash).IsUnique();
        link.HasIndex(l => new { l.WorkspaceId, l.CreatedAt });
        link.HasOne<Workspace>().WithMany().HasForeignKey(l => l.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        link.Ignore(l => l.UsesLeft);
    }
}

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> conversation)
    {
        conversation.ToTable("conversations");
        conversation.Property(c => c.CustomerId).HasMaxLength(255);
        conversation.HasIndex(c => new { c.WorkspaceId, c.Status });
        conversation.HasIndex(c => new { c.WorkspaceId, c.AssigneeUserId });
        conversation.HasIndex(c => new { c.WorkspaceId, c.Status, c.AssigneeUserId, c.CreatedAt });
        conversation.HasOne<Workspace>().WithMany().HasForeignKey(c => c.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        conversation.Ignore(c => c.IsFinished);
        conversation.Ignore(c => c.Skills);
        conversation.Property(c => c.RequiredSkills).HasMaxLength(4000);
        // A deleted team lets its conversations route to anyone, as before teams.
        conversation.HasIndex(c => c.TeamId);
        // The offer sweep asks every second for open offers past their expiry; nearly every row has none.
        conversation.HasIndex(c => c.OfferExpiresAt);
        conversation.Ignore(c => c.PassedBy);
        conversation.Ignore(c => c.HasOpenOffer);
        conversation.HasOne<Team>().WithMany().HasForeignKey(c => c.TeamId).OnDelete(DeleteBehavior.SetNull);
        // The SLA clock's sweep looks for targets still running.
        conversation.HasIndex(c => new { c.SlaState, c.SlaWarnAt });
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> token)
    {
        token.ToTable("api_tokens");
        token.Property(t => t.Name).HasMaxLength(255);
        token.Property(t => t.SecretHash).HasMaxLength(64);
        token.Property(t => t.UserAgent).HasMaxLength(ApiToken.UserAgentMaxLength);
        // An IPv6 address with a zone id fits in 64 characters.
        token.Property(t => t.Ip).HasMaxLength(64);
        token.HasIndex(t => t.UserId);
        token.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TotpAuthenticatorConfiguration : IEntityTypeConfiguration<TotpAuthenticator>
{
    public void Configure(EntityTypeBuilder<TotpAuthenticator> totp)
    {
        totp.ToTable("totp_authenticators");
        // One authenticator per account: setting up again replaces the pending one.
        totp.HasKey(t => t.UserId);
        totp.Property(t => t.ProtectedSecret).HasMaxLength(1000);
        totp.HasOne<User>().WithOne().HasForeignKey<TotpAuthenticator>(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        totp.Ignore(t => t.IsActive);
    }
}

internal sealed class RecoveryCodeConfiguration : IEntityTypeConfiguration<RecoveryCode>
{
    public void Configure(EntityTypeBuilder<RecoveryCode> code)
    {
        code.ToTable("recovery_codes");
        code.Property(c => c.CodeHash).HasMaxLength(64);
        code.HasIndex(c => new { c.UserId, c.CodeHash }).IsUnique();
        code.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> audit)
    {
        audit.ToTable("audit_events");
        audit.Property(a => a.Action).HasMaxLength(64);
        audit.HasIndex(a => new { a.WorkspaceId, a.Id });
    }
}

internal sealed class SeatLedgerConfiguration : IEntityTypeConfiguration<SeatLedgerEntry>
{
    public void Configure(EntityTypeBuilder<SeatLedgerEntry> entry)
    {
        entry.ToTable("seat_ledger");
        entry.Property(e => e.Reason).HasMaxLength(64);
        entry.HasIndex(e => new { e.WorkspaceId, e.Id });
    }
}

internal sealed class OutboxConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> message)
    {
        message.ToTable("outbox");
        message.Property(m => m.Kind).HasMaxLength(64);
        message.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
        message.Property(m => m.RecipientKey).HasMaxLength(320);
        message.HasIndex(m => new { m.RecipientKey, m.CreatedAt });
        // The per-mailbox cap and the workspace's daily invitation budget read these (InviteMailer, InviteBudget).
        message.Property(m => m.MailboxKey).HasMaxLength(320);
        message.HasIndex(m => new { m.MailboxKey, m.CreatedAt });
        message.HasIndex(m => new { m.WorkspaceId, m.CreatedAt });
    }
}

internal sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> preference)
    {
        preference.ToTable("notification_preferences");
        preference.HasKey(p => new { p.UserId, p.WorkspaceId });
        preference.HasOne<User>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        preference.HasOne<Workspace>().WithMany().HasForeignKey(p => p.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
    }
}
