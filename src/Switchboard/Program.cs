using Switchboard;

var builder = WebApplication.CreateBuilder(args);
builder.AddSwitchboard();

var app = builder.Build();
await app.UseSwitchboardAsync();
app.Run();

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
