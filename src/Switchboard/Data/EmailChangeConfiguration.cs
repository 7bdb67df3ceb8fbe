using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Domain;

namespace Switchboard.Data;

internal sealed class EmailChangeConfiguration : IEntityTypeConfiguration<EmailChange>
{
    public void Configure(EntityTypeBuilder<EmailChange> change)
    {
        change.ToTable("email_changes");
        change.Property(c => c.NewEmail).HasMaxLength(320);
        change.Property(c => c.NewNormalizedEmail).HasMaxLength(320);
        change.Property(c => c.TokenHash).HasMaxLength(64);
        change.HasIndex(c => c.TokenHash).IsUnique();
        change.HasIndex(c => new { c.UserId, c.CreatedAt });
        // The requests die with the account: nothing of a deleted user's addresses is kept.
        change.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
