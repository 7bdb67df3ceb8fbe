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
