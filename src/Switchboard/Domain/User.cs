namespace Switchboard.Domain;

public sealed class User
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public required string Email { get; set; }
    /// <summary><see cref="EmailAddress.Normalize"/>d email (NFKC + case fold): the unique key, so addresses compare alike on every database.</summary>
    public required string NormalizedEmail { get; set; }
    public required string Name { get; set; }
    public required string PasswordHash { get; set; }
    public DateTime? EmailVerifiedAt { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; set; }

    public static string Normalize(string email) => EmailAddress.Normalize(email);
}
