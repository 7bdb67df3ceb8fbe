// The permission table (Domain/Permission.cs), mirrored only to decide which controls to show. The API decides; when
// the page is out of date (the owner just changed a setting) its refusal is shown next to the control.
export function permissionsFor(role, adminsCanInvite) {
  const owner = role === "owner";
  const admin = role === "admin";
  const invite = owner || (admin && adminsCanInvite);
  // Admins given the invite right manage agents only; nobody manages the owner.
  const manages = (targetRole) => targetRole !== "owner" && (owner || (admin && targetRole === "agent"));
  return {
    invite,
    inviteRoles: owner ? ["agent", "admin"] : ["agent"],
    changeRole: (member) => owner && member.role !== "owner",
    changeSeat: (member) => invite && manages(member.role),
    remove: (member) => invite && manages(member.role),
    manageInvites: invite,
    assign: owner || admin,
    // Teams, their members, business hours and members' skills (the server's AssignConversations right).
    manageTeams: owner || admin,
    changeSettings: owner,
    changePlan: owner,
  };
}
