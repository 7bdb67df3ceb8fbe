using Microsoft.EntityFrameworkCore;
using Switchboard.Domain;

namespace Switchboard.Data;

/// <summary>
/// The one model of both databases. Each provider has a subclass only so that it can own its migrations.
/// </summary>
public abstract class SwitchboardDb(DbContextOptions options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();
    public DbSet<Workspace> Workspaces => Set<Workspace>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<TeamMember> TeamMembers => Set<TeamMember>();
    public DbSet<MemberSkill> MemberSkills => Set<MemberSkill>();
    public DbSet<Invite> Invites => Set<Invite>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<SeatLedgerEntry> SeatLedger => Set<SeatLedgerEntry>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<NotificationPreference> NotificationPreferences => Set<NotificationPreference>();
    public DbSet<EmailVerification> EmailVerifications => Set<EmailVerification>();
    public DbSet<PasswordReset> PasswordResets => Set<PasswordReset>();
    public DbSet<InviteLink> InviteLinks => Set<InviteLink>();
    public DbSet<EmailChange> EmailChanges => Set<EmailChange>();
    public DbSet<TotpAuthenticator> TotpAuthenticators => Set<TotpAuthenticator>();
    public DbSet<RecoveryCode> RecoveryCodes => Set<RecoveryCode>();
    public DbSet<PasskeyCredential> PasskeyCredentials => Set<PasskeyCredential>();
    public DbSet<PasskeyChallenge> PasskeyChallenges => Set<PasskeyChallenge>();
    public DbSet<ScimToken> ScimTokens => Set<ScimToken>();
    public DbSet<ScimUser> ScimUsers => Set<ScimUser>();
    public DbSet<ScimGroup> ScimGroups => Set<ScimGroup>();
    public DbSet<ScimGroupMember> ScimGroupMembers => Set<ScimGroupMember>();
    public DbSet<ScimSettings> ScimSettings => Set<ScimSettings>();
    public DbSet<SsoDomain> SsoDomains => Set<SsoDomain>();
    public DbSet<SsoProvider> SsoProviders => Set<SsoProvider>();
    public DbSet<SsoSignIn> SsoSignIns => Set<SsoSignIn>();
    public DbSet<SsoIdentity> SsoIdentities => Set<SsoIdentity>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        // SQLite hands DateTime back unspecified; every timestamp here is UTC, so say so on read.
        configuration.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configuration.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
        configuration.Properties<Role>().HaveConversion<string>().HaveMaxLength(16);
        configuration.Properties<Seat>().HaveConversion<string>().HaveMaxLength(16);
        configuration.Properties<AgentStatus>().HaveConversion<string>().HaveMaxLength(16);
        configuration.Properties<Plan>().HaveConversion<string>().HaveMaxLength(16);
        configuration.Properties<ConversationStatus>().HaveConversion<string>().HaveMaxLength(16);
        configuration.Properties<RoutingMode>().HaveConversion<string>().HaveMaxLength(16);
        configuration.Properties<InviteStatus>().HaveConversion<string>().HaveMaxLength(16);
        configuration.Properties<TwoFactorPolicy>().HaveConversion<TwoFactorPolicyConverter>().HaveMaxLength(16);
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.ApplyConfigurationsFromAssembly(typeof(SwitchboardDb).Assembly);
        model.UseSnakeCaseNames();
    }
}
