using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Domain;

namespace Switchboard.Data;

internal sealed class PasskeyCredentialConfiguration : IEntityTypeConfiguration<PasskeyCredential>
{
    public void Configure(EntityTypeBuilder<PasskeyCredential> passkey)
    {
        passkey.ToTable("passkey_credentials");
        // Authenticators make ids of at most 1023 bytes (WebAuthn); unique, because sign-in finds the account by it.
        passkey.Property(p => p.CredentialId).HasMaxLength(1023);
        passkey.HasIndex(p => p.CredentialId).IsUnique();
        passkey.Property(p => p.PublicKey).HasMaxLength(2048);
        passkey.Property(p => p.Name).HasMaxLength(100);
        passkey.HasIndex(p => p.UserId);
        passkey.HasOne<User>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PasskeyChallengeConfiguration : IEntityTypeConfiguration<PasskeyChallenge>
{
    public void Configure(EntityTypeBuilder<PasskeyChallenge> challenge)
    {
        challenge.ToTable("passkey_challenges");
        challenge.Property(c => c.Id).HasMaxLength(128);
        challenge.Property(c => c.Purpose).HasMaxLength(16);
        challenge.Property(c => c.OptionsJson).HasMaxLength(16_000);
        challenge.HasIndex(c => new { c.UserId, c.Purpose });
        challenge.HasIndex(c => c.ExpiresAt);
        challenge.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
