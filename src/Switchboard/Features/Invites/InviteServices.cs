using Microsoft.Extensions.Options;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Email;

namespace Switchboard.Features.Invites;

/// <summary>What the invite endpoints need, bound as one [AsParameters] bundle.</summary>
public sealed record InviteServices(
    SwitchboardDb Db,
    IDomainEvents Events,
    TimeProvider Time,
    OutboxWriter Outbox,
    PublicLinks Links,
    IOptions<InviteOptions> Options);
