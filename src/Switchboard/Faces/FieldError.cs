namespace Switchboard.Faces;

public enum FieldRule { Required, Type, Email, MinLength, MaxLength, OneOf, Confirmed, Uuid, Custom }

/// <summary>
/// One input at fault, described by the rule it broke rather than by a sentence,
/// because FastAPI and Laravel word the same rule differently.
/// </summary>
public sealed record FieldError(string Location, string Field, FieldRule Rule, string? Argument = null, string? Message = null);
