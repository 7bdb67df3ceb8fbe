using System.Text.Json;
using System.Text.RegularExpressions;
using Switchboard.Domain;
using Switchboard.Faces;

namespace Switchboard.Features.Routing.Teams;

/// <summary>
/// Reads a JSON list of skills (a member's, or a conversation's required ones): strings of letters, digits and
/// " _.+#-", at most 64 characters, at most 50; normalized (<see cref="MemberSkill.Normalize"/>), duplicates
/// dropped, first-given order kept (a conversation lists its most important skill first).
/// </summary>
public static partial class SkillList
{
    [GeneratedRegex(@"^[\p{L}\p{N}][\p{L}\p{N} _.+#\-]*$")]
    private static partial Regex Shape();

    /// <summary>Null when the field is absent (or null and <paramref name="required"/> is false); errors go to <paramref name="input"/>.</summary>
    public static List<string>? Read(Input input, JsonElement body, string field, bool required)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required) input.Fail(field, FieldRule.Required);
            return null;
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            input.Fail(field, FieldRule.Custom, message: "must be a list of skills");
            return null;
        }
        var skills = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                input.Fail(field, FieldRule.Custom, message: "every skill must be a string");
                return null;
            }
            var skill = MemberSkill.Normalize(item.GetString()!);
            if (skill.Length == 0 || skill.Length > MemberSkill.MaxLength || !Shape().IsMatch(skill))
            {
                input.Fail(field, FieldRule.Custom,
                    message: $"'{Clip(skill)}' is not a skill: 1 to {MemberSkill.MaxLength} letters, digits, spaces or _.+#-, starting with a letter or digit");
                return null;
            }
            if (!skills.Contains(skill)) skills.Add(skill);
        }
        if (skills.Count > MemberSkill.MaxPerList)
        {
            input.Fail(field, FieldRule.Custom, message: $"at most {MemberSkill.MaxPerList} skills");
            return null;
        }
        return skills;
    }

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
