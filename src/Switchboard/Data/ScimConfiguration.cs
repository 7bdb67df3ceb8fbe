using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Domain;

namespace Switchboard.Data;

internal sealed class ScimTokenConfiguration : IEntityTypeConfiguration<ScimToken>
{
    public void Configure(EntityTypeBuilder<ScimToken> token)
    {
        token.ToTable("scim_tokens");
        token.Property(t => t.Name).HasMaxLength(ScimToken.NameMaxLength);
        token.Property(t => t.SecretHash).HasMaxLength(64);
        // Unique: a presented token is found by its hash alone, and that names the workspace.
        token.HasIndex(t => t.SecretHash).IsUnique();
        token.HasIndex(t => t.WorkspaceId);
        token.HasOne<Workspace>().WithMany().HasForeignKey(t => t.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ScimUserConfiguration : IEntityTypeConfiguration<ScimUser>
{
    public void Configure(EntityTypeBuilder<ScimUser> user)
    {
        user.ToTable("scim_users");
        user.Property(u => u.UserName).HasMaxLength(320);
        user.Property(u => u.NormalizedUserName).HasMaxLength(320);
        user.Property(u => u.ExternalId).HasMaxLength(255);
        user.Property(u => u.DisplayName).HasMaxLength(255);
        user.Property(u => u.GivenName).HasMaxLength(255);
        user.Property(u => u.FamilyName).HasMaxLength(255);
        user.Property(u => u.Email).HasMaxLength(320);
        user.HasIndex(u => new { u.WorkspaceId, u.NormalizedUserName }).IsUnique();
        user.HasIndex(u => new { u.WorkspaceId, u.UserId }).IsUnique();
        user.HasIndex(u => new { u.WorkspaceId, u.ExternalId });
        user.HasOne<Workspace>().WithMany().HasForeignKey(u => u.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        user.HasOne<User>().WithMany().HasForeignKey(u => u.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ScimGroupConfiguration : IEntityTypeConfiguration<ScimGroup>
{
    public void Configure(EntityTypeBuilder<ScimGroup> group)
    {
        group.ToTable("scim_groups");
        group.Property(g => g.DisplayName).HasMaxLength(255);
        group.Property(g => g.NormalizedName).HasMaxLength(255);
        group.Property(g => g.ExternalId).HasMaxLength(255);
        group.HasIndex(g => new { g.WorkspaceId, g.NormalizedName }).IsUnique();
        group.HasOne<Workspace>().WithMany().HasForeignKey(g => g.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        group.HasMany(g => g.Members).WithOne().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ScimGroupMemberConfiguration : IEntityTypeConfiguration<ScimGroupMember>
{
    public void Configure(EntityTypeBuilder<ScimGroupMember> member)
    {
        member.ToTable("scim_group_members");
        member.HasKey(m => new { m.GroupId, m.ScimUserId });
        member.HasIndex(m => m.ScimUserId);
        member.HasOne<ScimUser>().WithMany().HasForeignKey(m => m.ScimUserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ScimSettingsConfiguration : IEntityTypeConfiguration<ScimSettings>
{
    public void Configure(EntityTypeBuilder<ScimSettings> settings)
    {
        settings.ToTable("scim_settings");
        settings.HasKey(s => s.WorkspaceId);
        settings.Property(s => s.GroupMap).HasMaxLength(16_000);
        settings.HasOne<Workspace>().WithMany().HasForeignKey(s => s.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
    }
}
