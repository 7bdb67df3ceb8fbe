// A member's skills in the edit dialog (owners and admins): chips with a remove button each, a field to add one
// (Enter or "Add skill"), read from GET /api/v1/team/members/{id}/skills and saved with the dialog's Save through
// PUT (the server normalises them: trimmed, lower case, duplicates once). Routing gives a conversation that needs
// skills only to members holding every one of them. The field suggests the skills the workspace's members already
// hold (GET /api/v1/team/skills, each with how many hold it), so one skill is not spelt two ways.
import { h, fill, uid } from "../dom.js";
import { api } from "../api.js";

export function memberSkills(member) {
  const path = `/api/v1/team/members/${encodeURIComponent(member.id)}/skills`;
  let skills = [];
  let before = null;
  const inputId = uid("skill");
  const chips = h("ul", { class: "chips", id: "member-skills", "aria-label": "Current skills" });
  const input = h("input", { type: "text", id: inputId, maxlength: 64, autocomplete: "off", "aria-describedby": `${inputId}-hint`,
    list: `${inputId}-suggestions` });
  const suggestions = h("datalist", { id: `${inputId}-suggestions` });
  const add = h("button", { type: "button", id: "add-skill" }, "Add skill");
  const hint = h("p", { class: "hint", id: `${inputId}-hint` }, "Loading skills…");

  function draw() {
    fill(chips, skills.map((skill) => h("li", { class: "chip" }, h("span", {}, skill),
      h("button", { type: "button", class: "chip-remove", "aria-label": `Remove skill ${skill}`, onClick: () => {
        skills = skills.filter((s) => s !== skill);
        draw();
        input.focus();
      } }, "×"))));
    chips.hidden = skills.length === 0;
  }

  function addTyped() {
    const skill = input.value.trim().toLowerCase();
    if (skill && !skills.includes(skill)) skills = [...skills, skill];
    input.value = "";
    draw();
    input.focus();
  }
  add.addEventListener("click", addTyped);
  // Enter adds the skill instead of submitting the dialog.
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      addTyped();
    }
  });

  const el = h("fieldset", { class: "skills-field" }, h("legend", {}, "Skills"), chips,
    h("div", { class: "field" }, h("label", { for: inputId }, "Add a skill"), h("div", { class: "inline" }, input, add), hint, suggestions));

  api("GET", "/api/v1/team/skills").then((catalogue) => fill(suggestions, catalogue.map(({ skill, members }) =>
    h("option", { value: skill, label: `${skill} · ${members.toLocaleString()} ${members === 1 ? "member" : "members"}` }))))
    .catch(() => {
      // Only suggestions: the field works without them.
    });

  api("GET", path).then((view) => {
    before = view.skills;
    // Chips added while the read was on the way stay.
    skills = [...new Set([...view.skills, ...skills])];
    fill(hint, "Routing gives a conversation that needs skills only to members holding all of them. Letters, digits, spaces and _.+#-.");
    draw();
  }).catch(() => fill(hint, "The skills could not be read; saving replaces them with the list above."));
  draw();

  return {
    el,
    /** True when the chips differ from what was read. */
    changed: () => before === null ? skills.length > 0 : JSON.stringify([...skills].sort()) !== JSON.stringify([...before].sort()),
    /** Saves the chips; answers the server's list. A pending word in the field is added first. */
    async save() {
      if (input.value.trim()) addTyped();
      return (await api("PUT", path, { skills })).skills;
    },
    get pending() {
      return input.value.trim() !== "";
    },
  };
}
