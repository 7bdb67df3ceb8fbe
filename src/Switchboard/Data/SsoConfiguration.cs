using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Domain;

namespace Switchboard.Data;

internal sealed class SsoDomainConfiguration : IEntityTypeConfiguration<SsoDomain>
{
    public void Configure(EntityTypeBuilder<SsoDomain> domain)
    {
        domain.ToTable("sso_domains");
        domain.Property(d => d.Name).HasMaxLength(253);
        domain.Property(d => d.VerificationToken).HasMaxLength(64);
        domain.HasIndex(d => new { d.WorkspaceId, d.Name }).IsUnique();
        // One workspace at most holds a domain verified: the database says so even if two verify at once.
        domain.HasIndex(d => d.Name).IsUnique().HasFilter("verified_at IS NOT NULL").HasDatabaseName("ix_sso_domains_name_verified");
        domain.HasOne<Workspace>().WithMany().HasForeignKey(d => d.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        domain.Ignore(d => d.TxtName);
        domain.Ignore(d => d.TxtValue);
    }
}

internal sealed class SsoProviderConfiguration : IEntityTypeConfiguration<SsoProvider>
{
    public void Configure(EntityTypeBuilder<SsoProvider> provider)
    {
        provider.ToTable("sso_providers");
        provider.HasKey(p => p.WorkspaceId);
        provider.Property(p => p.Issuer).HasMaxLength(2048);
        provider.Property(p => p.ClientId).HasMaxLength(255);
        provider.Property(p => p.ClientSecretProtected).HasMaxLength(4000);
        provider.Property(p => p.RoleClaim).HasMaxLength(255);
        provider.Property(p => p.RoleMap).HasMaxLength(32_000);
        provider.HasOne<Workspace>().WithMany().HasForeignKey(p => p.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SsoSignInConfiguration : IEntityTypeConfiguration<SsoSignIn>
{
    public void Configure(EntityTypeBuilder<SsoSignIn> signIn)
    {
        signIn.ToTable("sso_sign_ins");
        signIn.Property(s => s.StateHash).HasMaxLength(64);
        signIn.Property(s => s.Nonce).HasMaxLength(200);
        signIn.Property(s => s.CodeVerifierProtected).HasMaxLength(1000);
        signIn.HasIndex(s => s.StateHash).IsUnique();
        signIn.HasIndex(s => s.ExpiresAt);
        signIn.HasOne<Workspace>().WithMany().HasForeignKey(s => s.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SsoIdentityConfiguration : IEntityTypeConfiguration<SsoIdentity>
{
    public void Configure(EntityTypeBuilder<SsoIdentity> identity)
    {
        identity.ToTable("sso_identities");
        identity.Property(i => i.Issuer).HasMaxLength(2048);
        identity.Property(i => i.Subject).HasMaxLength(255);
        identity.HasIndex(i => new { i.WorkspaceId, i.Issuer, i.Subject }).IsUnique();
        identity.HasIndex(i => i.UserId);
        identity.HasOne<Workspace>().WithMany().HasForeignKey(i => i.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        identity.HasOne<User>().WithMany().HasForeignKey(i => i.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
