// A map of points (the site's Leaflet, no CDN): a list's results from a GeoJSON source, or
// one point on its own page. The page gives, by the element's id ("resources-map"):
// #ID (data-source: the GeoJSON), #ID-config (tile URL and attribution, the detail page's
// URL with 0 for the id, the load-error text) and, on a detail page, #ID-point.
const STYLE = { radius: 8, color: "#004f9f", weight: 3, fillColor: "#ffffff", fillOpacity: 1 };

export function escapeHtml(value) {
  const div = document.createElement("div");
  div.textContent = value ?? "";
  return div.innerHTML;
}

// popup(properties, url) gives a feature's popup HTML; group() the layer the markers go in.
export function pointMap(id, { popup, group = () => L.featureGroup() }) {
  const element = document.getElementById(id);
  const config = JSON.parse(document.getElementById(`${id}-config`).textContent);
  const pointScript = document.getElementById(`${id}-point`);
  const map = L.map(element, { zoomSnap: 0.5, maxZoom: 19 });
  if (config.tileUrl) {
    L.tileLayer(config.tileUrl, { attribution: config.tileAttribution, maxZoom: 19 }).addTo(map);
  }
  map.setView([52.1, 19.4], 6);

  if (pointScript) {
    const point = JSON.parse(pointScript.textContent);
    L.circleMarker([point.lat, point.lon], STYLE).bindTooltip(escapeHtml(point.name)).addTo(map);
    map.setView([point.lat, point.lon], 16);
    element.dataset.features = "1";
    return;
  }
  (async () => {
    let data;
    try {
      const response = await fetch(element.dataset.source);
      if (!response.ok) throw new Error(response.statusText);
      data = await response.json();
    } catch (error) {
      element.textContent = config.text.loadError;
      return;
    }
    const layer = group();
    for (const feature of data.features) {
      const [lon, lat] = feature.geometry.coordinates;
      const url = config.detailUrl.replace(/0\/$/, `${feature.id}/`);
      layer.addLayer(L.circleMarker([lat, lon], STYLE).bindPopup(popup(feature.properties, url)));
    }
    map.addLayer(layer);
    if (data.features.length) map.fitBounds(layer.getBounds(), { padding: [20, 20], maxZoom: 16 });
    element.dataset.features = String(data.features.length);
  })();
}
