using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;

namespace Switchboard.Faces.OpenApi;

/// <summary>
/// One schema name per type. The default names a schema by the type's own name, so every feature's nested
/// <c>Request</c>, <c>Response</c> and <c>View</c> collapsed into one schema (the register body stood for all
/// seventeen request bodies). A nested type is named with the types around it (<c>RegisterRequest</c>,
/// <c>PipebackMembersView</c>), a generic one with its arguments.
/// </summary>
public static class SchemaNames
{
    public static string? For(JsonTypeInfo info) =>
        OpenApiOptions.CreateDefaultSchemaReferenceId(info) is null ? null : Of(info.Type);

    public static string Of(Type type)
    {
        var name = type.Name;
        if (type.IsGenericType)
        {
            name = name[..name.IndexOf('`')] + "Of" + string.Concat(type.GetGenericArguments().Select(Of));
        }
        return type.IsNested && !type.IsGenericParameter ? Of(type.DeclaringType!) + name : name;
    }
}
