// The authenticator QR code comes as SVG text from our own server (QRCoder's rects and a path). It is still never
// given to innerHTML: it is parsed as XML, and only the few elements and attributes a QR code needs are rebuilt,
// one by one, so a script, an event handler or a link inside it could never reach the page.
const SVG = "http://www.w3.org/2000/svg";
const ELEMENTS = new Set(["svg", "g", "rect", "path"]);
const ATTRIBUTES = new Set(["viewBox", "width", "height", "x", "y", "d", "fill", "shape-rendering", "transform"]);
// Colours as QRCoder writes them (#rrggbb, named), nothing that could load a URL.
const SAFE_VALUE = /^[\w\s.,#%()-]*$/;

/** An <svg> element rebuilt from `markup`, labelled for screen readers; null when it is not a plain SVG. */
export function qrSvg(markup, label) {
  const parsed = new DOMParser().parseFromString(String(markup), "image/svg+xml");
  const root = parsed.documentElement;
  if (!root || root.localName !== "svg" || parsed.querySelector("parsererror")) return null;
  const svg = rebuild(root);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", label);
  svg.setAttribute("width", "200");
  svg.setAttribute("height", "200");
  return svg;
}

function rebuild(source) {
  const el = document.createElementNS(SVG, source.localName);
  for (const attribute of source.attributes) {
    if (ATTRIBUTES.has(attribute.name) && SAFE_VALUE.test(attribute.value) && !/url\s*\(/i.test(attribute.value)) {
      el.setAttribute(attribute.name, attribute.value);
    }
  }
  for (const child of source.children) {
    if (child.namespaceURI === SVG && ELEMENTS.has(child.localName)) el.append(rebuild(child));
  }
  return el;
}
