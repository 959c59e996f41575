// Resources on a map: the directory's results clustered, or one resource on its page.
import { escapeHtml, pointMap } from "../web/pointmap.js";

pointMap("resources-map", {
  popup: (p, url) => `<a href="${url}">${escapeHtml(p.name)}</a><br>${escapeHtml(p.kind_label)}` +
    (p.address ? `<br>${escapeHtml(p.address)}` : ""),
  group: () => L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 50 }),
});
