// The hours' time zone field: an IANA name typed freely, with the browser's list of zones offered as suggestions
// (the server decides what it knows), and this browser's own zone to start from.
import { h } from "../dom.js";
import { textField } from "../forms.js";

export const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone ?? "UTC";
const zones = () => (typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : []);

/** textField's parts ({wrapper, input, setError}), the wrapper holding the list of zones too. */
export function zoneField() {
  const field = textField({ label: "Time zone", name: "timezone", autocomplete: "off", maxlength: 64,
    hint: "An IANA time zone such as Europe/Berlin or America/New_York." });
  field.input.setAttribute("list", "time-zones");
  field.wrapper.append(h("datalist", { id: "time-zones" }, zones().map((z) => h("option", { value: z }))));
  return field;
}
