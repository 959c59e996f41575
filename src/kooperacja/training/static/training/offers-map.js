// Offers on a map: the list's results, or one offer on its page.
import { escapeHtml, pointMap } from "../web/pointmap.js";

pointMap("offers-map", {
  popup: (p, url) => `<a href="${url}">${escapeHtml(p.title)}</a><br>${escapeHtml(p.institution)}` +
    `<br>${escapeHtml(p.starts_on)} – ${escapeHtml(p.ends_on)}`,
});
